// Pre-warmed restores through the real daemon and checkpointctl on the local engine
// (local.prewarmed_restore): the ready checkpoint plans its parked copy and says what disk
// it takes, the copy is built in the background and parked at the target, a restore
// promotes it (path pre-warmed, copy used, data back to the checkpoint), a daemon killed
// while the copy is built builds it after its restart, and a copy whose rollback window
// closed is removed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

class PrewarmedRestoreTest : public UsersDaemonTest {
 protected:
  void SetUp() override {
    UsersDaemonTest::SetUp();
    if (IsSkipped()) return;
    restart_with("      prewarmed_restore: true\n");
  }

  std::string begin_ready(const std::string& migration, const std::string& window_duration = "24h") {
    const auto body =
        begin_body("app", migration, R"("duration":")" + window_duration + R"(","owner":"alice","approver":"bob")");
    const auto begun = daemon_->call_json("POST", "/v1/checkpoints", body, 202).as_object();
    const std::string id{begun.at("id").as_string()};
    const auto ready = daemon_->wait_for_state(id, "ready,refused");
    EXPECT_EQ(ready.at("state").as_string(), "ready") << json::serialize(ready);
    return id;
  }

  json::object checkpoint(const std::string& id) const {
    return daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  }

  // Waits (up to 60 s) until the checkpoint's parked copy is in `state`.
  json::object wait_for_parked_copy(const std::string& id, const std::string& state) const {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    for (;;) {
      auto current = checkpoint(id);
      const auto* copy = current.if_contains("parked_copy");
      if (copy != nullptr && copy->at("state").as_string() == state) return current;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "parked copy never " << state << ": " << json::serialize(current) << "\n"
                      << daemon_->log_text();
        return current;
      }
      std::this_thread::sleep_for(100ms);
    }
  }

  std::string query_at(const json::object& copy, const std::string& sql) const {
    return postgres_->query_value_at(postgres_->restore_directory(),
                                     static_cast<std::uint16_t>(copy.at("port").as_int64()), sql);
  }
};

TEST_F(PrewarmedRestoreTest, TheParkedCopyIsBuiltAfterReadyAndARestorePromotesIt) {
  const auto id = begin_ready("m-warm");
  const auto ready = checkpoint(id);
  ASSERT_TRUE(ready.contains("parked_copy")) << json::serialize(ready);
  EXPECT_GT(ready.at("parked_copy").at("estimated_bytes").as_int64(), 0);
  const auto events = checkpointctl({"events", id});
  EXPECT_NE(events.out.find("a parked copy for a pre-warmed restore is built in the background in "), std::string::npos)
      << events.out;

  const auto parked = wait_for_parked_copy(id, "parked");
  const auto copy = parked.at("parked_copy").as_object();
  EXPECT_GT(copy.at("disk_bytes").as_int64(), 0);
  EXPECT_EQ(query_at(copy, "SELECT pg_get_wal_replay_pause_state()"), "paused");
  const auto shown = checkpointctl({"status", id});
  EXPECT_NE(shown.out.find("Parked copy:"), std::string::npos) << shown.out;

  postgres_->exec("INSERT INTO users VALUES (101, 'late@example.com')");
  const auto restored = checkpointctl({"restore", id, "--wait"});
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err << daemon_->log_text();
  const auto after = checkpoint(id);
  EXPECT_EQ(after.at("state").as_string(), "restored");
  EXPECT_EQ(after.at("restore").at("path").as_string(), "pre-warmed") << json::serialize(after);
  EXPECT_EQ(after.at("restore").at("target").as_string(), copy.at("target").as_string());
  EXPECT_EQ(after.at("parked_copy").at("state").as_string(), "used");
  EXPECT_EQ(query_at(copy, "SELECT count(*) FROM users"), "100");
  EXPECT_EQ(query_at(copy, "SELECT pg_is_in_recovery()"), "f");

  const auto evidence = checkpointctl({"evidence", id});
  ASSERT_EQ(evidence.exit_code, 0) << evidence.err;
  EXPECT_NE(evidence.out.find("pre-warmed (the parked copy, paused at the target, was promoted)"), std::string::npos)
      << evidence.out;
  std::this_thread::sleep_for(1500ms);  // a sweep after the restore leaves the used copy alone
  EXPECT_TRUE(fs::exists(std::string{copy.at("target").as_string()}));
}

TEST_F(PrewarmedRestoreTest, ACopyWhoseWindowClosedIsRemoved) {
  const auto id = begin_ready("m-closing", "1s");
  const auto parked = wait_for_parked_copy(id, "parked");
  const fs::path target{std::string{parked.at("parked_copy").at("target").as_string()}};
  ASSERT_TRUE(fs::exists(target));
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/commit", "{}");
  const auto removed = wait_for_parked_copy(id, "removed");
  // Recorded removed first (so that no restore picks it up), then stopped and deleted.
  for (int wait = 0; wait < 100 && fs::exists(target); ++wait) std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(target.string() + ".log"));
  EXPECT_NE(std::string{removed.at("parked_copy").at("message").as_string()}.find("removed: no restore"),
            std::string::npos);
}

TEST_F(PrewarmedRestoreTest, ADaemonKilledWhileTheCopyIsBuiltBuildsItAfterItsRestart) {
  const auto id = begin_ready("m-killed");
  daemon_->kill_hard();
  daemon_->start();
  const auto parked = wait_for_parked_copy(id, "parked");
  EXPECT_EQ(query_at(parked.at("parked_copy").as_object(), "SELECT count(*) FROM users"), "100");
  EXPECT_NE(daemon_->log_text().find("building the parked copy"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::test
