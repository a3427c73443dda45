// A password in what a child process or libpq says reaches neither the daemon's log nor
// a recorded checkpoint nor an API answer: it is redacted where the text enters the
// daemon (obs/redact.hpp). The daemon runs at log level debug, so its command and SQL
// lines are checked too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/free_port.hpp"
#include "support/postgres_instance.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

constexpr const char* kPassword = "s3cretpw";

void expect_no_password(const std::string& text, const std::string& where) {
  EXPECT_EQ(text.find(kPassword), std::string::npos) << where << ": " << text;
}

TEST(DaemonRedaction, APasswordInLibpqsMessageIsRedactedInTheRefusalAndTheLog) {
  TempDir dir;
  // A connection URL written where a host name belongs: libpq quotes it in its error.
  const auto root = dir.path();
  const std::string clusters =
      "  - name: app\n    engine: local\n    deadlines: {preflight: 2s}\n    local:\n"
      "      data_directory: " +
      (root / "nodata").string() + "\n      port: " + std::to_string(free_tcp_port()) +
      "\n      host: \"postgresql://app:" + kPassword + "@db.invalid\"" +
      "\n      archive_directory: " + (root / "archive").string() +
      "\n      backup_directory: " + (root / "backups").string() +
      "\n      restore_directory: " + (root / "restores").string() + "\n";
  DaemonProcess daemon{root / "daemon", DaemonOptions(clusters)};
  daemon.start();
  const auto refused = daemon.call("POST", "/v1/checkpoints", begin_body("app", "m1"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  expect_no_password(refused.body, "the answer");
  EXPECT_NE(refused.body.find("postgresql://app:[redacted]@db.invalid"), std::string::npos) << refused.body;
  const auto id = std::string{boost::json::parse(refused.body).at("error").at("checkpoint_id").as_string()};
  const auto checkpoint = daemon.call("GET", "/v1/checkpoints/" + id);
  expect_no_password(checkpoint.body, "the recorded checkpoint");
  EXPECT_NE(checkpoint.body.find("[redacted]"), std::string::npos) << checkpoint.body;
  expect_no_password(daemon.call("GET", "/v1/checkpoints/" + id + "/events").body, "the timeline");
  daemon.stop();
  expect_no_password(daemon.log_text(), "the log");
}

TEST(DaemonRedaction, APasswordInAFailingBackupCommandsOutputIsRedactedInTheCheckpointAndTheLog) {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  PostgresInstance postgres;
  // pg_basebackup fails echoing its connection string, password included; the other
  // tools are the real ones.
  const auto bin = postgres.root() / "fake-bin";
  std::filesystem::create_directories(bin);
  for (const auto& tool : std::filesystem::directory_iterator(postgres.bin_directory())) {
    if (tool.path().filename() != "pg_basebackup")
      std::filesystem::create_symlink(tool.path(), bin / tool.path().filename());
  }
  {
    std::ofstream script{bin / "pg_basebackup"};
    script << "#!/bin/sh\necho \"pg_basebackup: error: could not connect to postgresql://app:" << kPassword
           << "@db/app (password=" << kPassword << ")\" >&2\nexit 1\n";
  }
  std::filesystem::permissions(bin / "pg_basebackup", std::filesystem::perms::owner_all);
  auto clusters = local_cluster_yaml(postgres);
  const auto real_bin = "bin_directory: " + postgres.bin_directory().string();
  clusters.replace(clusters.find(real_bin), real_bin.size(), "bin_directory: " + bin.string());

  DaemonProcess daemon{postgres.root() / "daemon", DaemonOptions(clusters)};
  daemon.start();
  const auto begun = daemon.call_json("POST", "/v1/checkpoints", begin_body("app", "m1"), 202).as_object();
  const std::string id{begun.at("id").as_string()};
  const auto refused = daemon.wait_for_state(id, "ready,refused", std::chrono::seconds{60});
  ASSERT_EQ(refused.at("state").as_string(), "refused") << boost::json::serialize(refused);
  EXPECT_EQ(refused.at("reason").as_string(), "backup_failed");
  const std::string message{refused.at("message").as_string()};
  expect_no_password(message, "the recorded message");
  EXPECT_NE(message.find("postgresql://app:[redacted]@db/app (password=[redacted]"), std::string::npos) << message;
  expect_no_password(daemon.call("GET", "/v1/checkpoints/" + id + "/events").body, "the timeline");
  daemon.stop();
  const auto log = daemon.log_text();
  expect_no_password(log, "the log");
  EXPECT_NE(log.find("running `" + (bin / "pg_basebackup").string()), std::string::npos)
      << "log.level debug shows the command: " << log;
}

}  // namespace
}  // namespace ckpt::test
