// `checkpointctl run --plan FILE [-- CMD]` against the scripted daemon: the plan judged
// first (nothing sent for an invalid or refused plan or a dry run), the checkpoint, the
// migration (the daemon's SQL or a real wrapped command), the verdict and exit code.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "client/sample_plans.hpp"
#include "client/verb_fixture.hpp"

namespace ckpt::cli {
namespace {

using namespace std::chrono_literals;
using testing::checkpoint_response;
using testing::error_response;
using testing::with;

constexpr const char* kCheckpointPath = "/v1/checkpoints/ck-7f3a";
constexpr const char* kMigrationPath = "/v1/checkpoints/ck-7f3a/migration";
constexpr const char* kResultPath = "/v1/checkpoints/ck-7f3a/migration/result";

const DatabaseEndpoint kDatabase{.host = "app-rw.db.svc", .port = 5432, .dbname = "app", .user = "migrator"};

class Run : public testing::VerbFixture {
 protected:
  std::vector<std::string> run_args(const std::string& plan_file, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"run", "--plan", plan_file};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  // begin answers backing_up, the first poll ready.
  void checkpoint_becomes_ready(std::deque<Result<net::HttpResponse>> later_polls) {
    daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
    later_polls.push_front(checkpoint_response(200, testing::ready_checkpoint()));
    daemon.answer("GET", kCheckpointPath, std::move(later_polls));
  }

  // The index of the first request to `method target`.
  std::size_t request_index(const std::string& line) const {
    const auto lines = daemon.request_lines();
    const auto found = std::find(lines.begin(), lines.end(), line);
    EXPECT_NE(found, lines.end()) << line;
    return static_cast<std::size_t>(found - lines.begin());
  }

  bool in_err(const std::string& text) const { return err.str().find(text) != std::string::npos; }

  testing::TempDirectory directory;
};

TEST_F(Run, ASqlPlanRunsToCommitted) {
  checkpoint_becomes_ready({checkpoint_response(200, testing::sql_migrating_checkpoint(1)),
                            checkpoint_response(200, testing::sql_committed_checkpoint())});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("sql"), kDatabase)});

  EXPECT_EQ(run(run_args(testing::write_plan(directory))), 0) << err.str();
  EXPECT_EQ(daemon.request_lines(),
            (std::vector<std::string>{"POST /v1/checkpoints", "GET /v1/checkpoints/ck-7f3a",
                                      "POST /v1/checkpoints/ck-7f3a/migration", "GET /v1/checkpoints/ck-7f3a",
                                      "GET /v1/checkpoints/ck-7f3a"}));
  const auto begin = request_body(0);
  EXPECT_EQ(begin.at("cluster").as_string(), "app");
  EXPECT_EQ(begin.at("migration_id").as_string(), "2026_11_21_add_phone");
  EXPECT_EQ(begin.at("rollback_window"), boost::json::parse(R"({"duration":"24h","owner":"alice","approver":"bob"})"));
  EXPECT_EQ(begin.at("plan").at("steps").as_array().size(), 2U);
  EXPECT_EQ(begin.at("plan").at("steps").at(1).at("transaction"), false);
  EXPECT_EQ(request_body(2), boost::json::parse("{}"));  // no command: the daemon runs the SQL

  EXPECT_EQ(out.str().rfind("ck-7f3a\nCheckpoint:", 0), 0U) << out.str();
  EXPECT_NE(out.str().find("State:                committed\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("001_add_phone.sql     applied   1 statement   0.234s\n"), std::string::npos) << out.str();
  EXPECT_EQ(err.str(),
            "backing up…\n"
            "ready: recovery point 0/3000148 on timeline 1, archived\n"
            "migrating\n"
            "step 001_add_phone.sql started\n"
            "  001_add_phone.sql:2 ALTER TABLE, 0.012s\n"
            "step 001_add_phone.sql applied (1 statement, 0.234s)\n"
            "step 002_phone_index.sql started\n"
            "  002_phone_index.sql:2 CREATE INDEX, 0.210s\n"
            "    notice: index built concurrently\n"
            "step 002_phone_index.sql applied (1 statement, 0.234s)\n"
            "committed\n");
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{20ms, 250ms, 250ms})) << "the checkpoint polled fast, the migration every 250 ms";
}

TEST_F(Run, AFailingSqlStepExitsFourWithTheFailure) {
  checkpoint_becomes_ready({checkpoint_response(200, testing::sql_failed_checkpoint())});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("sql"), kDatabase)});
  EXPECT_EQ(run(run_args(testing::write_plan(directory))), 4);
  EXPECT_TRUE(
      in_err("migration failed: 002_phone_index.sql:2: SQLSTATE 55P03: canceling statement due to lock "
             "timeout\n"))
      << err.str();
  EXPECT_EQ(err.str().substr(err.str().rfind("checkpointctl: ")),
            "checkpointctl: the migration of checkpoint ck-7f3a failed: 002_phone_index.sql:2: SQLSTATE 55P03: "
            "canceling statement due to lock timeout; the checkpoint is failed (reason: migration_failed)\n");
  EXPECT_NE(out.str().find("Failure:              002_phone_index.sql:2: SQLSTATE 55P03"), std::string::npos)
      << out.str();
}

TEST_F(Run, AnAutomaticRestoreAfterAFailureIsFollowed) {
  auto restoring = testing::sql_failed_checkpoint();
  restoring.state = CheckpointState::restoring;
  restoring.restore = testing::restoring_checkpoint(1).restore;
  auto restored = restoring;
  restored.state = CheckpointState::restored;
  restored.restore = testing::restored_checkpoint().restore;
  checkpoint_becomes_ready({checkpoint_response(200, restoring), checkpoint_response(200, restored)});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("sql"), kDatabase)});

  EXPECT_EQ(run(run_args(testing::write_plan(directory), {"-o", "json"})), 4);
  EXPECT_TRUE(in_err("checkpoint ck-7f3a is restoring automatically\nrestore phase base_copied (+0.741s)\n"))
      << err.str();
  EXPECT_TRUE(in_err("restored: timeline 2 in 4.912s\n")) << err.str();
  EXPECT_TRUE(in_err("; the checkpoint is restored (reason: migration_failed)\n")) << err.str();
  const auto printed = boost::json::parse(out.str());  // json mode: no id line, the checkpoint only
  EXPECT_EQ(printed.at("state").as_string(), "restored");
}

TEST_F(Run, ARefusedBeginExitsThreeAndNothingMigrates) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, testing::refused_checkpoint())});
  EXPECT_EQ(run(run_args(testing::write_plan(directory))), 3);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_TRUE(
      in_err("refused: WAL segment 000000010000000000000003 was not archived within 60s; fix archive_command\n"));
  EXPECT_TRUE(
      in_err("checkpointctl: checkpoint ck-7f3a was refused: the migration must not start "
             "(reason: wal_archive_failing)\n"));
  EXPECT_EQ(daemon.request_lines(), (std::vector<std::string>{"POST /v1/checkpoints", "GET /v1/checkpoints/ck-7f3a"}));
}

TEST_F(Run, AMigrationStartTheDaemonRefusesIsReported) {
  checkpoint_becomes_ready({});
  daemon.answer("POST", kMigrationPath,
                {error_response(make_error(ErrorCode::conflict, "checkpoint ck-7f3a is committed: cannot migrate"))});
  EXPECT_EQ(run(run_args(testing::write_plan(directory))), 7);
  EXPECT_TRUE(
      in_err("checkpointctl: checkpoint ck-7f3a is committed: cannot migrate\n"
             "checkpointctl: see 'checkpointctl status ck-7f3a'; while it is ready and its migration will not "
             "run, give it up with 'checkpointctl abort ck-7f3a'\n"))
      << err.str();
}

TEST_F(Run, AWrappedCommandThatSucceedsIsReportedWithItsOutput) {
  checkpoint_becomes_ready({});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("command"), kDatabase)});
  daemon.answer("POST", kResultPath,
                {checkpoint_response(200, testing::command_ended_checkpoint(0, CheckpointState::committed, "ok\n"))});

  const std::string script =
      "echo \"id=$CHECKPOINT_ID host=$PGHOST port=$PGPORT db=$PGDATABASE user=$PGUSER pw=${PGPASSWORD:-none}\"; "
      "echo careful >&2";
  auto args = run_args(directory.write("plan.yaml", testing::command_plan()), {"--", "sh", "-c", script});
  EXPECT_EQ(run(args), 0) << err.str();

  EXPECT_EQ(request_body(request_index("POST /v1/checkpoints/ck-7f3a/migration")),
            (boost::json::object{{"command", boost::json::array{"sh", "-c", boost::json::string{script}}}}));
  EXPECT_EQ(request_body(0).at("plan").at("command").as_array().size(), 3U);
  const auto result = request_body(request_index("POST /v1/checkpoints/ck-7f3a/migration/result"));
  EXPECT_EQ(result.at("exit_code"), 0);
  EXPECT_EQ(result.as_object().count("signal"), 0U);
  const std::string expected_output = "id=ck-7f3a host=app-rw.db.svc port=5432 db=app user=migrator pw=";
  EXPECT_EQ(std::string{result.at("output").as_string()}.rfind(expected_output, 0), 0U) << result;
  EXPECT_NE(std::string{result.at("output").as_string()}.find("careful\n"), std::string::npos) << result;
  EXPECT_GE(result.at("duration_seconds").as_double(), 0.0);
  EXPECT_TRUE(in_err("running sh -c '" + script.substr(0, 10))) << err.str();
  EXPECT_TRUE(in_err(" with CHECKPOINT_ID=ck-7f3a PGHOST=app-rw.db.svc PGPORT=5432 PGDATABASE=app PGUSER=migrator\n"))
      << err.str();
  EXPECT_TRUE(in_err(expected_output)) << "the output passes through live:\n" << err.str();
  EXPECT_TRUE(in_err("the migration command exited 0 after ")) << err.str();
  EXPECT_EQ(out.str().rfind("ck-7f3a\nCheckpoint:", 0), 0U) << out.str();
}

TEST_F(Run, AWrappedCommandThatFailsIsReportedAndExitsFour) {
  checkpoint_becomes_ready({});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("command"), kDatabase)});
  daemon.answer("POST", kResultPath,
                {checkpoint_response(200, testing::command_ended_checkpoint(1, CheckpointState::migrating, ""))});
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::ready_checkpoint()),
                 checkpoint_response(200, testing::command_ended_checkpoint(1, CheckpointState::failed,
                                                                            "step 1 done\nboom: relation exists\n"))});

  const auto plan = directory.write(
      "plan.yaml",
      testing::command_plan(R"(["sh", "-c", "echo step 1 done; echo boom: relation exists >&2; exit 1"])"));
  EXPECT_EQ(run(run_args(plan)), 4) << err.str();
  const auto result = request_body(request_index("POST /v1/checkpoints/ck-7f3a/migration/result"));
  EXPECT_EQ(result.at("exit_code"), 1);
  EXPECT_EQ(result.at("output").as_string(), "step 1 done\nboom: relation exists\n");
  EXPECT_TRUE(in_err("the migration command exited 1 after ")) << err.str();
  EXPECT_TRUE(in_err("last lines of the migration command's output:\n  step 1 done\n  boom: relation exists\n"))
      << err.str();
  EXPECT_TRUE(
      in_err("checkpointctl: the migration of checkpoint ck-7f3a failed: the migration command exited 1; "
             "the checkpoint is failed (reason: migration_failed)\n"))
      << err.str();
}

TEST_F(Run, ACommandThatIsNotFoundIsReportedAs127) {
  checkpoint_becomes_ready({});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("command"), kDatabase)});
  daemon.answer("POST", kResultPath,
                {checkpoint_response(200, testing::command_ended_checkpoint(127, CheckpointState::failed, ""))});
  auto args = run_args(directory.write("plan.yaml", testing::command_plan()), {"--", "checkpointctl-no-such-migrate"});
  EXPECT_EQ(run(args), 4);
  const auto result = request_body(request_index("POST /v1/checkpoints/ck-7f3a/migration/result"));
  EXPECT_EQ(result.at("exit_code"), 127);
  EXPECT_NE(std::string{result.at("output").as_string()}.find("cannot run 'checkpointctl-no-such-migrate'"),
            std::string::npos);
  EXPECT_TRUE(
      in_err("checkpointctl: cannot run 'checkpointctl-no-such-migrate': No such file or directory "
             "(not found in PATH)\n"))
      << err.str();
}

TEST_F(Run, AResultThatCannotBeReportedExitsSixAndSaysWhatToDo) {
  checkpoint_becomes_ready({});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("command"), kDatabase)});
  daemon.answer("POST", kResultPath,
                {make_error(ErrorCode::unreachable, "cannot reach checkpointd at unix:///x.sock")});
  auto args = run_args(directory.write("plan.yaml", testing::command_plan()), {"--", "true"});
  EXPECT_EQ(run(args), 6);
  EXPECT_TRUE(in_err("checkpointctl: cannot reach checkpointd at unix:///x.sock; retrying\n")) << err.str();
  EXPECT_TRUE(
      in_err("checkpointctl: the migration's result (the command succeeded, exit 0) could not be reported to "
             "checkpointd: cannot reach checkpointd at unix:///x.sock; checkpoint ck-7f3a stays migrating: "
             "once the daemon is back, run 'checkpointctl commit ck-7f3a' or 'checkpointctl fail ck-7f3a "
             "--reason ...'\n"))
      << err.str();
  const auto lines = daemon.request_lines();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "POST /v1/checkpoints/ck-7f3a/migration/result"), 61);
}

TEST_F(Run, AResultThatArrivedDespiteATimeoutIsNotReportedTwice) {
  checkpoint_becomes_ready(
      {checkpoint_response(200, testing::command_ended_checkpoint(0, CheckpointState::committed, ""))});
  daemon.answer("POST", kMigrationPath,
                {testing::migration_started_response(testing::migrating_checkpoint("command"), kDatabase)});
  daemon.answer("POST", kResultPath,
                {make_error(ErrorCode::deadline_exceeded, "no answer within 30s"),
                 error_response(make_error(ErrorCode::conflict, "checkpoint ck-7f3a is committed"))});
  auto args = run_args(directory.write("plan.yaml", testing::command_plan()), {"--", "true"});
  EXPECT_EQ(run(args), 0) << err.str();
}

TEST_F(Run, ACommandAfterDashDashWithSqlStepsIsAUsageError) {
  EXPECT_EQ(run(run_args(testing::write_plan(directory), {"--", "./migrate", "up"})), 2);
  EXPECT_TRUE(daemon.requests().empty());
  EXPECT_TRUE(in_err("has SQL steps, so it takes no command after '--'")) << err.str();
  EXPECT_TRUE(in_err("(see 'checkpointctl run --help')\n")) << err.str();
}

TEST_F(Run, APlanWithNeitherStepsNorCommandNeedsOneOnTheCommandLine) {
  EXPECT_EQ(run(run_args(directory.write("plan.yaml", testing::command_plan()))), 2);
  EXPECT_TRUE(daemon.requests().empty());
  EXPECT_TRUE(in_err("has neither SQL steps nor a command")) << err.str();
}

TEST_F(Run, InvalidAndRefusedPlansSendNothing) {
  EXPECT_EQ(
      run(run_args(testing::write_plan(directory, with(testing::kAddPhonePlan, "phase: expand", "phase: sideways")))),
      2);
  EXPECT_TRUE(in_err(" is invalid: ")) << err.str();
  err.str("");
  EXPECT_EQ(run(run_args(testing::write_plan(directory, testing::kAddPhonePlan, "DROP TABLE users;\n"))), 3);
  EXPECT_TRUE(in_err(" is refused: ")) << err.str();
  EXPECT_TRUE(in_err("(reason: destructive_statement)\n")) << err.str();
  EXPECT_TRUE(daemon.requests().empty());
  EXPECT_EQ(out.str(), "");
}

TEST_F(Run, DryRunSaysWhatWouldHappenAndSendsNothing) {
  EXPECT_EQ(run(run_args(testing::write_plan(directory), {"--dry-run"})), 0) << err.str();
  EXPECT_TRUE(daemon.requests().empty());
  EXPECT_NE(out.str().find("Verdict: ok\n\nwould begin a checkpoint on cluster app (expand, window 24h, alice → bob), "
                           "then run 2 SQL files: 001_add_phone.sql in one transaction, 002_phone_index.sql statement "
                           "by statement, then commit automatically\n"),
            std::string::npos)
      << out.str();

  out.str("");
  const auto plan = directory.write("plan.yaml", with(testing::command_plan(), "commit: automatic", "commit: manual"));
  EXPECT_EQ(run(run_args(plan, {"--dry-run", "-o", "json", "--", "./migrate", "up to 42"})), 0) << err.str();
  const auto printed = boost::json::parse(out.str());
  EXPECT_EQ(
      printed.at("would").as_string(),
      "would begin a checkpoint on cluster app (expand, window 24h, alice → bob), then run `./migrate 'up to 42'` "
      "with CHECKPOINT_ID, PGHOST, PGPORT, PGDATABASE and PGUSER set, then wait for a person to commit "
      "(checkpointctl commit ID)");
  EXPECT_EQ(printed.at("verdict").at("ok"), true);
}

TEST_F(Run, DryRunOfARefusedPlanShowsTheVerdictAndExitsThree) {
  EXPECT_EQ(
      run(run_args(testing::write_plan(directory, with(testing::kAddPhonePlan, "approver: bob", "approver: alice")),
                   {"--dry-run"})),
      3);
  EXPECT_TRUE(daemon.requests().empty());
  EXPECT_NE(out.str().find("Verdict: refused (approver_is_owner): "), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("would begin"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::cli
