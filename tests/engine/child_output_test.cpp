// What the local engine's child processes say reaches its errors and its log redacted,
// and at debug level the engine logs each command it runs with the checkpoint and the
// cluster. A stand-in pg_basebackup (a shell script in the cluster's bin_directory)
// echoes a password the way a failing tool echoes its connection string; no
// PostgreSQL runs here.
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/local/local_engine.hpp"
#include "obs/log_formatters.hpp"
#include "support/run_sync.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

constexpr const char* kPassword = "s3cretpw";

class LocalEngineChildOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto bin = dir_.path() / "bin";
    std::filesystem::create_directories(bin);
    const auto script = bin / "pg_basebackup";
    std::ofstream{script} << "#!/bin/sh\n"
                             "echo \"pg_basebackup: error: connection to server at postgresql://app:"
                          << kPassword << "@db:5432/app failed\" >&2\n"
                          << "echo \"pg_basebackup: detail: conninfo host=db user=app password=" << kPassword
                          << "\" >&2\n"
                             "exit 1\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);

    cluster_.name = "orders";
    config::LocalCluster local;
    local.bin_directory = bin;
    local.data_directory = dir_.path() / "data";
    local.archive_directory = dir_.path() / "archive";
    local.backup_directory = dir_.path() / "backups";
    local.restore_directory = dir_.path() / "restores";
    cluster_.local = local;

    logger_->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger_->set_formatter(obs::make_log_formatter("text"));
  }

  Result<BackupInfo> take_backup(spdlog::level::level_enum level) {
    logger_->set_level(level);
    engine::local::LocalEngine engine{cluster_, pool_, logger_};
    Checkpoint checkpoint;
    checkpoint.id = "c0ffee01";
    checkpoint.request.cluster = "orders";
    return run_sync(engine.take_backup(checkpoint, {}));
  }

  TempDir dir_{"ckpt-child"};
  config::Cluster cluster_;
  boost::asio::thread_pool pool_{2};
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> logger_ = std::make_shared<spdlog::logger>("engine-local-child-test");
};

TEST_F(LocalEngineChildOutput, APasswordInAFailingCommandsOutputReachesNeitherTheErrorNorTheLog) {
  auto backup = take_backup(spdlog::level::debug);
  ASSERT_FALSE(backup);
  const auto& message = backup.error().message;
  EXPECT_EQ(message.find(kPassword), std::string::npos) << message;
  EXPECT_NE(message.find("postgresql://app:[redacted]@db:5432/app"), std::string::npos) << message;
  EXPECT_NE(message.find("password=[redacted]"), std::string::npos) << message;
  const auto log = log_.str();
  EXPECT_EQ(log.find(kPassword), std::string::npos) << log;
  EXPECT_NE(log.find("password=[redacted]"), std::string::npos) << "the failure is logged: " << log;
}

TEST_F(LocalEngineChildOutput, DebugLevelLogsEachCommandWithTheCheckpointAndTheCluster) {
  ASSERT_FALSE(take_backup(spdlog::level::debug));
  const auto log = log_.str();
  const auto command = std::string{"debug [engine-local-child-test] checkpoint=c0ffee01 cluster=orders running `"} +
                       (dir_.path() / "bin" / "pg_basebackup").string() + " -D " + (dir_.path() / "backups").string() +
                       "/";
  EXPECT_NE(log.find(command), std::string::npos) << log;
  EXPECT_NE(
      log.find("debug [engine-local-child-test] checkpoint=c0ffee01 cluster=orders `pg_basebackup` exited with code 1"),
      std::string::npos)
      << log;
}

TEST_F(LocalEngineChildOutput, InfoLevelLogsNoCommand) {
  ASSERT_FALSE(take_backup(spdlog::level::info));
  const auto log = log_.str();
  EXPECT_EQ(log.find("running `"), std::string::npos) << log;
  EXPECT_EQ(log.find(" debug ["), std::string::npos) << log;
}

}  // namespace
}  // namespace ckpt::test
