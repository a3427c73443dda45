// log.level debug on the local engine: a checkpoint logs every command it runs (the
// pg_basebackup command line) and every SQL statement it issues (pg_create_restore_point's
// query, without the parameter's value), each with the checkpoint and the cluster; at
// info level none of that is written. Against a real PostgreSQL 15.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "local_engine_fixture.hpp"
#include "obs/log_formatters.hpp"

namespace ckpt::test {
namespace {

class LocalEngineDebugLog : public LocalEngineTest {
 protected:
  void SetUp() override {
    LocalEngineTest::SetUp();
    if (IsSkipped()) return;
    logger_->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger_->set_formatter(obs::make_log_formatter("text"));
  }

  std::string checkpoint_log(spdlog::level::level_enum level, const std::string& id) {
    logger_->set_level(level);
    auto engine = make_engine();
    const auto checkpoint = take_checkpoint(*engine, id);
    EXPECT_TRUE(checkpoint.recovery_point) << log_.str();
    return log_.str();
  }

  std::ostringstream log_;
};

TEST_F(LocalEngineDebugLog, DebugLogsTheCommandsRunAndTheSqlIssuedWithCheckpointAndCluster) {
  const auto log = checkpoint_log(spdlog::level::debug, "d0000001");
  const std::string context = "debug [engine-local-test] checkpoint=d0000001 cluster=orders ";
  const auto basebackup = context + "running `" + (cluster_.local->bin_directory / "pg_basebackup").string() + " -D ";
  EXPECT_NE(log.find(basebackup), std::string::npos) << log;
  EXPECT_NE(log.find(context + "`pg_basebackup` exited with code 0"), std::string::npos) << log;
  EXPECT_NE(log.find(context + "running `" + (cluster_.local->bin_directory / "pg_controldata").string()),
            std::string::npos)
      << log;
  const auto restore_point_sql = log.find(context + "SQL: SELECT p.server_time");
  ASSERT_NE(restore_point_sql, std::string::npos) << log;
  const auto line = log.substr(restore_point_sql, log.find('\n', restore_point_sql) - restore_point_sql);
  EXPECT_NE(line.find("pg_create_restore_point($1)"), std::string::npos) << line;
  EXPECT_NE(line.find("(1 parameter, values not logged)"), std::string::npos) << line;
  EXPECT_EQ(line.find("checkpointd-d0000001"), std::string::npos) << "the parameter's value is not logged: " << line;
  EXPECT_NE(log.find(context + "SQL: SELECT pg_switch_wal()"), std::string::npos) << log;
  EXPECT_NE(log.find("SQL: SELECT current_setting('archive_mode')"), std::string::npos) << log;
}

TEST_F(LocalEngineDebugLog, InfoLogsNeitherCommandsNorSql) {
  const auto log = checkpoint_log(spdlog::level::info, "d0000002");
  EXPECT_EQ(log.find("pg_basebackup"), std::string::npos) << log;
  EXPECT_EQ(log.find("pg_create_restore_point"), std::string::npos) << log;
  EXPECT_EQ(log.find("SQL:"), std::string::npos) << log;
  EXPECT_NE(log.find(" info ["), std::string::npos) << "the info lines are still written: " << log;
}

}  // namespace
}  // namespace ckpt::test
