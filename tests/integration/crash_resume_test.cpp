// kill -9 of the daemon while a restore runs, then a restart: the restore resumes and
// completes exactly once — one restored data directory, one verified event.
#include <gtest/gtest.h>

#include <thread>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/postgres_instance.hpp"

namespace ckpt::test {
namespace {

class CrashResume : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
    postgres_ = std::make_unique<PostgresInstance>();
    postgres_->exec("CREATE TABLE t (id int PRIMARY KEY, payload text);"
                    "INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;");
    daemon_ = std::make_unique<DaemonProcess>(postgres_->root() / "daemon", DaemonOptions(local_cluster_yaml(*postgres_)));
    daemon_->start();
  }

  std::size_t restore_directories() const {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(postgres_->restore_directory())) {
      if (entry.is_directory() && entry.path().filename().string().find("app-pitr-") == 0) ++count;
    }
    return count;
  }

  std::unique_ptr<PostgresInstance> postgres_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_P(CrashResume, RestoreCompletesOnceAfterKill9) {
  const std::string kill_after_phase = GetParam();
  auto created = daemon_->call_json("POST", "/v1/checkpoints",
                                    begin_body("app", "m1"), 202).as_object();
  const std::string id{created.at("id").as_string()};
  daemon_->wait_for_state(id, "ready");
  // WAL after the checkpoint that the restore does not need, and a change to undo.
  postgres_->exec("UPDATE t SET payload = 'changed'");

  auto restoring = daemon_->call_json("POST", "/v1/checkpoints/" + id + "/fail", R"({"reason":"bad"})").as_object();
  ASSERT_EQ(restoring.at("state").as_string(), "restoring");
  if (kill_after_phase != "started") {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{60};
    bool reached = false;
    while (!reached && std::chrono::steady_clock::now() < until) {
      auto current = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
      for (const auto& mark : current.at("restore").at("phases").as_array()) {
        if (mark.at("phase").as_string() == kill_after_phase) reached = true;
      }
      if (!reached) std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    ASSERT_TRUE(reached) << "phase " << kill_after_phase << " never reached";
  }
  daemon_->kill_hard();

  daemon_->start();
  auto restored = daemon_->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored) << daemon_->log_text();
  EXPECT_EQ(restored.at("restore").at("attempt").as_int64(), 1);
  EXPECT_EQ(restore_directories(), 1U);
  const auto port = static_cast<std::uint16_t>(restored.at("restore").at("port").as_int64());
  EXPECT_EQ(postgres_->query_value_at(postgres_->restore_directory(), port,
                                      "SELECT count(*) FROM t WHERE payload = 'changed'"),
            "0");
  auto events = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/events").at("events").as_array();
  int verified = 0;
  int started = 0;
  for (const auto& event : events) {
    const std::string message{event.at("message").as_string()};
    if (message.find("restore verified") != std::string::npos) ++verified;
    if (message.find("-> restoring") != std::string::npos) ++started;
  }
  EXPECT_EQ(verified, 1);
  EXPECT_EQ(started, 1);
}

INSTANTIATE_TEST_SUITE_P(Phases, CrashResume, ::testing::Values("started", "recovery_started"));

}  // namespace
}  // namespace ckpt::test
