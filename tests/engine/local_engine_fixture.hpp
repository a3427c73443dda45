// Fixture for the local engine's integration tests: a real PostgreSQL 15 (skipped with
// the reason when it cannot run), a blocking pool, and helpers that run the engine's
// coroutines to completion and take a whole checkpoint (backup, recovery point,
// fingerprint) the way the service does.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <boost/asio/thread_pool.hpp>
#include <cstdlib>
#include <memory>

#include "core/begin_validation.hpp"
#include "engine/local/local_engine.hpp"
#include "support/postgres_instance.hpp"
#include "support/run_sync.hpp"

namespace ckpt::test {

class LocalEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
    postgres_ = std::make_unique<PostgresInstance>();
    cluster_ = postgres_->local_cluster_config("orders");
  }

  std::unique_ptr<engine::local::LocalEngine> make_engine() const {
    return std::make_unique<engine::local::LocalEngine>(cluster_, pool_, logger_);
  }

  static std::shared_ptr<spdlog::logger> make_test_logger() {
    auto logger = std::make_shared<spdlog::logger>("engine-local-test");
    if (std::getenv("CHECKPOINTD_TEST_LOG") != nullptr) {
      logger->sinks().push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
      logger->set_pattern("%H:%M:%S.%e %v");
    }
    return logger;
  }

  static Checkpoint checkpoint_named(const std::string& id) {
    Checkpoint checkpoint;
    checkpoint.id = id;
    checkpoint.request.cluster = "orders";
    return checkpoint;
  }

  // Backup, recovery point and fingerprint, each asserted to succeed.
  Checkpoint take_checkpoint(engine::Engine& engine, const std::string& id) const {
    auto checkpoint = checkpoint_named(id);
    auto backup = run_sync(engine.take_backup(checkpoint, {}));
    EXPECT_TRUE(backup) << backup.error().message;
    if (!backup) return checkpoint;
    checkpoint.backup = backup.value();
    auto point = run_sync(engine.record_recovery_point(checkpoint));
    EXPECT_TRUE(point) << point.error().message;
    if (!point) return checkpoint;
    checkpoint.recovery_point = point.value();
    auto fingerprint = run_sync(engine.schema_fingerprint());
    EXPECT_TRUE(fingerprint) << fingerprint.error().message;
    if (fingerprint) checkpoint.schema_fingerprint = fingerprint.value();
    return checkpoint;
  }

  std::size_t entries_in(const std::filesystem::path& directory) const {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) ++count;
    return count;
  }

  mutable boost::asio::thread_pool pool_{4};
  // Silent unless CHECKPOINTD_TEST_LOG is set.
  std::shared_ptr<spdlog::logger> logger_ = make_test_logger();
  std::unique_ptr<PostgresInstance> postgres_;
  config::Cluster cluster_;
};

}  // namespace ckpt::test
