// The daemon runs a plan's SQL migration: statement by statement evidence, the history
// table, guardrails before any backup, lock_timeout failing into a restore, kill -9 in
// the middle of a multi-file migration, and a wrapped command's result.
#include <gtest/gtest.h>

#include <thread>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "migration_plan.hpp"
#include "support/postgres_instance.hpp"
#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

class MigrationRunner : public UsersDaemonTest {
 protected:
  std::filesystem::path plan_dir() const { return postgres_->root() / "plan"; }

  // begin with the plan, wait for ready, start the daemon-run migration.
  std::string begin_and_migrate(const std::filesystem::path& plan) {
    auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202).as_object();
    const std::string id{created.at("id").as_string()};
    auto ready = daemon_->wait_for_state(id, "ready,refused");
    EXPECT_EQ(ready.at("state").as_string(), "ready") << json::serialize(ready);
    auto started = daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", "{}", 202).as_object();
    EXPECT_EQ(started.at("checkpoint").at("state").as_string(), "migrating");
    EXPECT_EQ(started.at("database").at("port").as_int64(), postgres_->port());
    return id;
  }

  std::string history_count(const std::string& id, const std::string& file) const {
    return postgres_->query_value("SELECT count(*) FROM checkpointd.migration_history WHERE checkpoint_id = '" + id +
                                  "' AND file = '" + file + "'");
  }

};

TEST_F(MigrationRunner, RunsEveryStatementAndRecordsItsEvidence) {
  const auto plan = write_plan(
      plan_dir(), "2026_12_01_add_phone",
      {{"001_add_phone.sql",
        "-- the new column\nALTER TABLE users ADD COLUMN phone text;\n\n"
        "UPDATE users SET phone = '+1' WHERE id <= 10;\n",
        ""},
       {"002_notice.sql", "DO $$ BEGIN RAISE NOTICE 'phone column ready'; END $$;\n", "    reviewed: true\n"},
       {"003_index.sql", "CREATE INDEX CONCURRENTLY users_phone ON users (phone);\n", "    transaction: false\n"}});
  const auto id = begin_and_migrate(plan);
  auto done = daemon_->wait_for_state(id, "committed,failed,restoring,restored");
  ASSERT_EQ(done.at("state").as_string(), "committed") << json::serialize(done) << daemon_->log_text();

  const auto& migration = done.at("migration").as_object();
  EXPECT_EQ(migration.at("kind").as_string(), "sql");
  const auto& steps = migration.at("steps").as_array();
  ASSERT_EQ(steps.size(), 3U);
  const auto& first = steps[0].as_object();
  EXPECT_TRUE(first.at("applied").as_bool());
  const auto& statements = first.at("statements").as_array();
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_EQ(statements[0].at("line").as_int64(), 2);
  EXPECT_EQ(statements[0].at("command").as_string(), "ALTER TABLE");
  EXPECT_FALSE(statements[0].as_object().contains("rows"));
  EXPECT_EQ(statements[1].at("line").as_int64(), 4);
  EXPECT_EQ(statements[1].at("command").as_string(), "UPDATE");
  EXPECT_EQ(statements[1].at("rows").as_int64(), 10);
  const auto& notices = steps[1].at("statements").as_array()[0].at("notices").as_array();
  ASSERT_EQ(notices.size(), 1U);
  EXPECT_NE(std::string{notices[0].as_string()}.find("phone column ready"), std::string::npos);
  EXPECT_TRUE(steps[2].at("applied").as_bool());

  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM users WHERE phone = '+1'"), "10");
  EXPECT_EQ(postgres_->query_value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_phone'::regclass"), "t");
  EXPECT_EQ(history_count(id, "001_add_phone.sql"), "1");
  EXPECT_EQ(history_count(id, "003_index.sql"), "1");
  EXPECT_EQ(postgres_->query_value("SELECT statement FROM checkpointd.migration_history WHERE file = '003_index.sql'"),
            "1");
  const auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(checkpointd_migration_statements_total{class="additive",cluster="app"} 3)"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("checkpointd_migration_duration_seconds_count{cluster=\"app\",kind=\"sql\"} 1"),
            std::string::npos);
}

TEST_F(MigrationRunner, AnExpandPlanWithADestructiveStatementIsRefusedBeforeAnyBackup) {
  const auto plan = write_plan(plan_dir(), "2026_12_01_cleanup",
                               {{"001_ok.sql", "ALTER TABLE users ADD COLUMN phone text;\n", ""},
                                {"002_drop.sql", "SELECT 1;\nALTER TABLE users DROP COLUMN email;\n", ""}});
  auto response = daemon_->call("POST", "/v1/checkpoints", begin_body_for_plan(plan));
  ASSERT_EQ(response.status, 422) << response.body;
  const auto error = json::parse(response.body).at("error").as_object();
  EXPECT_EQ(error.at("reason").as_string(), "destructive_statement");
  const std::string message{error.at("message").as_string()};
  EXPECT_NE(message.find("002_drop.sql:2"), std::string::npos) << message;
  EXPECT_NE(message.find("DROP COLUMN"), std::string::npos) << message;
  // Nothing was taken: no base backup, and the refused checkpoint is on record.
  EXPECT_FALSE(std::filesystem::exists(postgres_->backup_directory()) &&
               !std::filesystem::is_empty(postgres_->backup_directory()));
  const std::string id{error.at("checkpoint_id").as_string()};
  EXPECT_EQ(daemon_->call_json("GET", "/v1/checkpoints/" + id).at("state").as_string(), "refused");
  EXPECT_NE(daemon_->call("GET", "/metrics")
                .body.find(R"(checkpointd_plan_refusals_total{cluster="app",rule="drop_column"} 1)"),
            std::string::npos);
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'phone'"), "0");
}

TEST_F(MigrationRunner, AContractPlanWithoutEvidenceIsRefusedNamingWhatIsMissing) {
  const auto plan = write_plan(plan_dir(), "2026_12_02_drop_email",
                               {{"001_drop.sql", "ALTER TABLE users DROP COLUMN email;\n", ""}}, "", "contract");
  std::ofstream(plan)
      << "migration:\n  id: 2026_12_02_drop_email\n  expand_migration_id: 2026_12_01_add_phone\n"
         "cluster: app\nphase: contract\nrollback_window: {duration: 24h, owner: alice, approver: bob}\n"
         "steps:\n  - sql: 001_drop.sql\n";
  auto response = daemon_->call("POST", "/v1/checkpoints", begin_body_for_plan(plan));
  ASSERT_EQ(response.status, 422) << response.body;
  const auto error = json::parse(response.body).at("error").as_object();
  EXPECT_EQ(error.at("reason").as_string(), "contract_gate");
  const std::string message{error.at("message").as_string()};
  for (const char* item : {"expand_committed", "restore_evidence", "approval_recorded"}) {
    EXPECT_NE(message.find(item), std::string::npos) << message;
  }

  // A break-glass override lets it through, is recorded and counted.
  std::ofstream(plan, std::ios::app) << "break_glass: {by: carol, reason: incident 4711}\n";
  auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202).as_object();
  const std::string id{created.at("id").as_string()};
  auto events = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/events").at("events").as_array();
  bool recorded = false;
  for (const auto& event : events) {
    if (std::string{event.at("message").as_string()}.find("break-glass of carol") != std::string::npos) recorded = true;
  }
  EXPECT_TRUE(recorded);
  EXPECT_NE(daemon_->call("GET", "/metrics").body.find(R"(checkpointd_break_glass_total{cluster="app"} 1)"),
            std::string::npos);
  daemon_->wait_for_state(id, "ready,refused");
}

TEST_F(MigrationRunner, ALockHeldElsewhereFailsAfterLockTimeoutAndRestores) {
  const auto plan =
      write_plan(plan_dir(), "2026_12_01_locked", {{"001_add.sql", "ALTER TABLE users ADD COLUMN phone text;\n", ""}},
                 "session: {lock_timeout: 300ms, statement_timeout: 1m}\n");
  auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202).as_object();
  const std::string id{created.at("id").as_string()};
  daemon_->wait_for_state(id, "ready");
  std::thread holder(
      [this] { postgres_->exec("BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;"); });
  // The holder has the lock before the migration starts.
  for (int i = 0; i < 100 && postgres_->query_value("SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' "
                                                    "AND relation = 'users'::regclass") == "0";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", "{}", 202);
  auto done = daemon_->wait_for_state(id, "restored,restore_failed,committed");
  holder.join();
  ASSERT_EQ(done.at("state").as_string(), "restored") << json::serialize(done);
  const auto& failure = done.at("migration").at("failure").as_object();
  EXPECT_EQ(failure.at("sqlstate").as_string(), "55P03");
  EXPECT_EQ(failure.at("file").as_string(), "001_add.sql");
  EXPECT_EQ(failure.at("line").as_int64(), 1);
  EXPECT_NE(std::string{done.at("message").as_string()}.find("lock timeout"), std::string::npos);
  EXPECT_EQ(history_count(id, "001_add.sql"), "0");
}

TEST_F(MigrationRunner, Kill9InTheMiddleResumesWithoutApplyingAnyFileTwice) {
  postgres_->exec("CREATE TABLE applied (file text NOT NULL)");
  const auto plan = write_plan(plan_dir(), "2026_12_01_three_files",
                               {{"001.sql", "INSERT INTO applied VALUES ('001');\n", ""},
                                {"002.sql", "INSERT INTO applied VALUES ('002');\nSELECT pg_sleep(3);\n", ""},
                                {"003.sql", "INSERT INTO applied VALUES ('003');\n", ""}});
  const auto id = begin_and_migrate(plan);
  // Kill while 002 runs: its step is recorded as started, not applied.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{30};
  bool running_second = false;
  while (!running_second && std::chrono::steady_clock::now() < until) {
    auto current = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
    const auto& steps = current.at("migration").at("steps").as_array();
    running_second = steps.size() == 2 && !steps[1].at("applied").as_bool();
    if (!running_second) std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  ASSERT_TRUE(running_second);
  daemon_->kill_hard();
  daemon_->start();
  auto done = daemon_->wait_for_state(id, "committed,failed,restoring,restored");
  ASSERT_EQ(done.at("state").as_string(), "committed") << json::serialize(done) << daemon_->log_text();
  EXPECT_EQ(postgres_->query_value("SELECT string_agg(file, ',' ORDER BY file) FROM applied"), "001,002,003");
  for (const char* file : {"001.sql", "002.sql", "003.sql"}) EXPECT_EQ(history_count(id, file), "1") << file;
  for (const auto& step : done.at("migration").at("steps").as_array()) EXPECT_TRUE(step.at("applied").as_bool());
}

TEST_F(MigrationRunner, AWrappedCommandReportsItsEnd) {
  const auto plan = write_plan(plan_dir(), "2026_12_01_flyway", {});
  std::ofstream(plan, std::ios::app) << "commit: manual\n";
  auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202).as_object();
  const std::string id{created.at("id").as_string()};
  daemon_->wait_for_state(id, "ready");
  auto started =
      daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", R"({"command":["flyway","migrate"]})", 202)
          .as_object();
  EXPECT_EQ(started.at("database").at("dbname").as_string(), "postgres");
  auto again =
      daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", R"({"command":["flyway","migrate"]})", 202)
          .as_object();
  EXPECT_EQ(again.at("checkpoint").at("state").as_string(), "migrating") << "a retried start answers the state";
  auto response = daemon_->call("POST", "/v1/checkpoints/" + id + "/migration/result", R"({"exit_code":"zero"})");
  EXPECT_EQ(response.status, 400);
  auto watching = daemon_
                      ->call_json("POST", "/v1/checkpoints/" + id + "/migration/result",
                                  R"({"exit_code":0,"output":"Successfully applied 2 migrations\n"})")
                      .as_object();
  EXPECT_EQ(watching.at("state").as_string(), "watching") << "commit: manual waits for a person";
  EXPECT_EQ(watching.at("migration").at("exit_code").as_int64(), 0);
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/commit", "{}");
}

TEST_F(MigrationRunner, AFailingWrappedCommandFailsTheCheckpointAndRestores) {
  const auto plan = write_plan(plan_dir(), "2026_12_01_alembic", {});
  auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body_for_plan(plan), 202).as_object();
  const std::string id{created.at("id").as_string()};
  daemon_->wait_for_state(id, "ready");
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/migration", R"({"command":["alembic","upgrade","head"]})",
                     202);
  auto failed = daemon_
                    ->call_json("POST", "/v1/checkpoints/" + id + "/migration/result",
                                R"({"exit_code":143,"signal":"SIGTERM","output":"line 1\nboom\n"})")
                    .as_object();
  EXPECT_EQ(failed.at("state").as_string(), "restoring");
  const std::string message{failed.at("message").as_string()};
  EXPECT_NE(message.find("SIGTERM"), std::string::npos) << message;
  EXPECT_NE(message.find("boom"), std::string::npos) << message;
  auto restored = daemon_->wait_for_state(id, "restored,restore_failed");
  EXPECT_EQ(restored.at("state").as_string(), "restored");
}

}  // namespace
}  // namespace ckpt::test
