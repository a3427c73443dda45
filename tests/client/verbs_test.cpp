// The verbs end to end against a scripted daemon: what goes over the wire, what lands
// on stdout and stderr, and the exit code.
#include "cli/verbs.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "client/verb_fixture.hpp"

namespace ckpt::cli {
namespace {

using namespace std::chrono_literals;
using testing::checkpoint_response;
using testing::error_response;

constexpr const char* kCheckpointPath = "/v1/checkpoints/ck-7f3a";

using Verbs = testing::VerbFixture;

const std::vector<std::string> kBegin{"begin", "--cluster", "main", "--migration-id", "m-42", "--purpose",
                                      "add orders.note", "--window", "24h", "--owner", "alice", "--approver", "bob"};

TEST_F(Verbs, BeginPrintsOnlyTheIdAndWaitsUntilReady) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::backing_up_checkpoint()),
                 checkpoint_response(200, testing::ready_checkpoint())});
  EXPECT_EQ(run(kBegin), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_EQ(err.str(), "backing up…\nready: recovery point 0/3000148 on timeline 1, archived\n");
  EXPECT_EQ(daemon.request_lines(),
            (std::vector<std::string>{"POST /v1/checkpoints", "GET /v1/checkpoints/ck-7f3a",
                                      "GET /v1/checkpoints/ck-7f3a"}));
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{20ms, 40ms})) << "fast at first, doubling";

  const auto& create = daemon.requests().front();
  EXPECT_EQ(create.header("Authorization"), "Bearer s3cret-token");
  EXPECT_EQ(create.header("Content-Type"), "application/json");
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"cluster":"main","migration_id":"m-42","purpose":"add orders.note",
      "phase":"expand","rollback_window":{"duration":"24h","owner":"alice","approver":"bob"}})"));
}

TEST_F(Verbs, BeginRefusedWhileBackingUpExitsThree) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, testing::refused_checkpoint())});
  EXPECT_EQ(run(kBegin), 3);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_EQ(err.str(),
            "backing up…\n"
            "refused: WAL segment 000000010000000000000003 was not archived within 60s; fix archive_command\n"
            "checkpointctl: checkpoint ck-7f3a was refused: the migration must not start (reason: wal_archive_failing)\n");
}

TEST_F(Verbs, BeginWithoutWindowIsSentAndTheDaemonsRefusalCounts) {
  auto refused = testing::refused_checkpoint();
  refused.request.window = {};
  refused.reason = "missing_rollback_window";
  refused.message = "no approved rollback window";
  daemon.answer("POST", "/v1/checkpoints",
                {error_response(make_error(ErrorCode::refused, refused.message, refused.reason), refused.id)});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, refused)});

  EXPECT_EQ(run({"begin", "--cluster", "main", "--migration-id", "m-42"}), 3);
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"cluster":"main","migration_id":"m-42","phase":"expand"})"));
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_EQ(err.str(),
            "refused: no approved rollback window\n"
            "checkpointctl: checkpoint ck-7f3a was refused: the migration must not start "
            "(reason: missing_rollback_window)\n");
}

TEST_F(Verbs, BeginRefusalWithoutACheckpointIsReportedAsIs) {
  daemon.answer("POST", "/v1/checkpoints",
                {error_response(make_error(ErrorCode::refused, "cluster 'main' is busy with ck-0001", "cluster_busy"))});
  EXPECT_EQ(run(kBegin), 3);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "checkpointctl: cluster 'main' is busy with ck-0001 (reason: cluster_busy)\n");
}

TEST_F(Verbs, BeginJsonPrintsTheFinalCheckpoint) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, testing::ready_checkpoint())});
  EXPECT_EQ(run([] {
              auto args = kBegin;
              args.insert(args.end(), {"-o", "json"});
              return args;
            }()),
            0);
  const auto printed = boost::json::parse(out.str());
  EXPECT_EQ(printed.at("state").as_string(), "ready");
  EXPECT_EQ(printed.at("recovery_point").at("target_lsn").as_string(), "0/3000148");
}

TEST_F(Verbs, BeginNoWaitReturnsOnceCreated) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  auto args = kBegin;
  args.push_back("--no-wait");
  EXPECT_EQ(run(args), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_EQ(daemon.requests().size(), 1U);
}

TEST_F(Verbs, BeginWithAKnownIdempotencyKeySaysSo) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(200, testing::ready_checkpoint())});
  auto args = kBegin;
  args.insert(args.end(), {"--idempotency-key", "job-7"});
  EXPECT_EQ(run(args), 0);
  EXPECT_EQ(request_body(0).at("idempotency_key").as_string(), "job-7");
  EXPECT_EQ(err.str(),
            "checkpoint ck-7f3a already exists for idempotency key 'job-7'\n"
            "ready: recovery point 0/3000148 on timeline 1, archived\n");
  EXPECT_EQ(daemon.requests().size(), 1U);
}

TEST_F(Verbs, BeginWaitTimeoutExitsFour) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, testing::backing_up_checkpoint())});
  auto args = kBegin;
  args.insert(args.end(), {"--wait-timeout", "1s"});
  EXPECT_EQ(run(args), 4);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_NE(err.str().find("checkpointctl: checkpoint ck-7f3a is still backing_up after 1s"), std::string::npos)
      << err.str();
}

TEST_F(Verbs, BeginEndingInAnotherStateExitsFour) {
  auto aborted = testing::backing_up_checkpoint();
  aborted.state = CheckpointState::aborted;
  aborted.reason = "aborted";
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, aborted)});
  EXPECT_EQ(run(kBegin), 4);
  EXPECT_NE(err.str().find("checkpointctl: checkpoint ck-7f3a is aborted, not ready: the migration must not start "
                           "(reason: aborted)\n"),
            std::string::npos)
      << err.str();
}

TEST_F(Verbs, CommitAndConflict) {
  auto committed = testing::ready_checkpoint();
  committed.state = CheckpointState::committed;
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/commit", {checkpoint_response(200, committed)});
  EXPECT_EQ(run({"commit", "ck-7f3a"}), 0);
  EXPECT_EQ(out.str(), "checkpoint ck-7f3a is now committed\n");
  EXPECT_EQ(request_body(0), boost::json::parse("{}"));

  out.str("");
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/commit",
                {error_response(make_error(ErrorCode::conflict, "checkpoint ck-7f3a is committed: cannot commit"))});
  EXPECT_EQ(run({"commit", "ck-7f3a"}), 7);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "checkpointctl: checkpoint ck-7f3a is committed: cannot commit\n");
}

TEST_F(Verbs, FailWithoutAutoRestore) {
  auto failed = testing::ready_checkpoint();
  failed.state = CheckpointState::failed;
  failed.reason = "migration_failed";
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/fail", {checkpoint_response(200, failed)});
  EXPECT_EQ(run({"fail", "ck-7f3a", "--reason", "smoke test red", "--wait"}), 0);
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"reason":"smoke test red"})"));
  EXPECT_EQ(out.str(), "checkpoint ck-7f3a is now failed (reason: migration_failed)\n");
}

TEST_F(Verbs, FailWaitFollowsTheAutomaticRestore) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/fail", {checkpoint_response(200, testing::restoring_checkpoint(1))});
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::restoring_checkpoint(3)),
                 checkpoint_response(200, testing::restored_checkpoint())});
  EXPECT_EQ(run({"fail", "ck-7f3a", "--reason", "smoke test red", "--wait"}), 0);
  EXPECT_EQ(err.str(),
            "checkpoint ck-7f3a is restoring automatically\n"
            "restore phase started (+0.000s)\n"
            "restoring…\n"
            "restore phase base_copied (+0.741s)\n"
            "restore phase recovery_started (+1.320s)\n"
            "restore phase promoted (+4.260s)\n"
            "restore phase verified (+4.912s)\n"
            "restored: timeline 2 in 4.912s\n");
  EXPECT_NE(out.str().find("Restore duration:     4.912s\n"), std::string::npos) << out.str();
}

TEST_F(Verbs, FailWaitEndingInRestoreFailedExitsFour) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/fail", {checkpoint_response(200, testing::restoring_checkpoint(1))});
  daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, testing::restore_failed_checkpoint())});
  EXPECT_EQ(run({"fail", "ck-7f3a", "--reason", "x", "--wait", "-o", "yaml"}), 4);
  EXPECT_NE(out.str().find("state: restore_failed"), std::string::npos) << out.str();
}

TEST_F(Verbs, AbortSendsTheReason) {
  auto aborted = testing::ready_checkpoint();
  aborted.state = CheckpointState::aborted;
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/abort", {checkpoint_response(200, aborted)});
  EXPECT_EQ(run({"abort", "ck-7f3a", "--reason", "window moved"}), 0);
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"reason":"window moved"})"));
  EXPECT_EQ(out.str(), "checkpoint ck-7f3a is now aborted\n");
}

TEST_F(Verbs, RestoreDryRunPrintsThePlan) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore",
                {testing::json_response(200, boost::json::parse(R"({"plan":{"engine":"cnpg","target":"main-pitr-ck-7f3a",
                    "base_backup":"backup-main-ck-7f3a","recovery_target":"lsn 0/3000148",
                    "steps":["apply the recovery Cluster","wait for Ready"],"manifest":"kind: Cluster\n"}})"))});
  EXPECT_EQ(run({"restore", "ck-7f3a", "--dry-run", "--cutover"}), 0);
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"dry_run":true,"cutover":true})"));
  EXPECT_EQ(out.str(),
            "Engine:            cnpg\n"
            "Target:            main-pitr-ck-7f3a\n"
            "Base backup:       backup-main-ck-7f3a\n"
            "Recovery target:   lsn 0/3000148\n"
            "Steps:             1. apply the recovery Cluster\n"
            "                   2. wait for Ready\n"
            "Manifest:\n"
            "  kind: Cluster\n");
}

TEST_F(Verbs, RestoreDryRunWithAMalformedPlanNamesTheField) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore",
                {testing::json_response(200, boost::json::parse(R"({"plan":{"engine":"cnpg","target":"t",
                    "base_backup":"b","recovery_target":"r","steps":["a",7],"manifest":""}})"))});
  EXPECT_EQ(run({"restore", "ck-7f3a", "--dry-run"}), 1);
  EXPECT_EQ(err.str(),
            "checkpointctl: the daemon's restore plan is malformed: field 'plan.steps[1]' must be a string\n");
}

TEST_F(Verbs, RestoreDryRunWithoutAPlanSaysSo) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore", {testing::json_response(200, boost::json::parse(R"({})"))});
  EXPECT_EQ(run({"restore", "ck-7f3a", "--dry-run"}), 1);
  EXPECT_EQ(err.str(), "checkpointctl: the daemon's restore plan is malformed: missing field 'plan'\n");
}

TEST_F(Verbs, RestoreWaitShowsPhasesAndTheSummary) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore", {checkpoint_response(202, testing::restoring_checkpoint(0))});
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::restoring_checkpoint(2)),
                 checkpoint_response(200, testing::restored_checkpoint())});
  EXPECT_EQ(run({"restore", "ck-7f3a", "--wait"}), 0);
  EXPECT_EQ(request_body(0), boost::json::parse(R"({"dry_run":false,"cutover":false})"));
  EXPECT_EQ(err.str(),
            "restoring…\n"
            "restore phase started (+0.000s)\n"
            "restore phase base_copied (+0.741s)\n"
            "restore phase recovery_started (+1.320s)\n"
            "restore phase promoted (+4.260s)\n"
            "restore phase verified (+4.912s)\n"
            "restored: timeline 2 in 4.912s\n");
  EXPECT_NE(out.str().find("State:                restored\n"), std::string::npos) << out.str();
}

TEST_F(Verbs, RestoreWithoutWaitReportsRestoring) {
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore", {checkpoint_response(202, testing::restoring_checkpoint(0))});
  EXPECT_EQ(run({"restore", "ck-7f3a"}), 0);
  EXPECT_EQ(out.str(), "checkpoint ck-7f3a is now restoring (reason: migration_failed)\n");
}

TEST_F(Verbs, StatusExitCodeFollowsTheState) {
  const std::vector<std::pair<Checkpoint, int>> cases{
      {testing::ready_checkpoint(), 0},       {testing::refused_checkpoint(), 3},
      {testing::restored_checkpoint(), 0},    {testing::restore_failed_checkpoint(), 4},
      {testing::backing_up_checkpoint(), 0},
  };
  for (const auto& [checkpoint, exit_code] : cases) {
    daemon.answer("GET", kCheckpointPath, {checkpoint_response(200, checkpoint)});
    out.str("");
    EXPECT_EQ(run({"status", "ck-7f3a"}), exit_code) << to_string(checkpoint.state);
    EXPECT_NE(out.str().find("State:"), std::string::npos);
  }
}

TEST_F(Verbs, StatusOfAnUnknownCheckpointExitsFive) {
  daemon.answer("GET", "/v1/checkpoints/ck-nope",
                {error_response(make_error(ErrorCode::not_found, "no checkpoint 'ck-nope'; list them with checkpointctl list"))});
  EXPECT_EQ(run({"status", "ck-nope"}), 5);
  EXPECT_EQ(err.str(), "checkpointctl: no checkpoint 'ck-nope'; list them with checkpointctl list\n");
}

TEST_F(Verbs, StatusWatchOnATerminalRedrawsThenPrintsTheSummary) {
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::backing_up_checkpoint()),
                 checkpoint_response(200, testing::backing_up_checkpoint()),
                 checkpoint_response(200, testing::ready_checkpoint())});
  EXPECT_EQ(run({"status", "ck-7f3a", "--watch"}, true), 0);
  const std::string redraw = "\r\033[Kbacking_up, elapsed 12.300s";
  EXPECT_EQ(out.str().substr(0, 2 * redraw.size()), redraw + redraw);
  EXPECT_NE(out.str().find(redraw + "\r\033[Kready\r\033[KCheckpoint:"), std::string::npos) << out.str();
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{500ms, 500ms}));
}

TEST_F(Verbs, StatusWatchInALogPrintsChangesOnStderr) {
  daemon.answer("GET", kCheckpointPath,
                {checkpoint_response(200, testing::restoring_checkpoint(1)),
                 checkpoint_response(200, testing::restoring_checkpoint(2)),
                 checkpoint_response(200, testing::restore_failed_checkpoint())});
  EXPECT_EQ(run({"status", "ck-7f3a", "--watch"}), 4);
  EXPECT_EQ(err.str(),
            "restore phase started (+0.000s)\n"
            "restoring…\n"
            "restore phase base_copied (+0.741s)\n"
            "restore phase recovery_started (+1.320s)\n"
            "restore failed: recovery stopped before the target: WAL 000000010000000000000003 missing\n");
  EXPECT_EQ(out.str().rfind("Checkpoint:", 0), 0U) << out.str();
}

TEST_F(Verbs, ListSendsFiltersAndPrintsTheTable) {
  daemon.answer("GET", "/v1/checkpoints?cluster=main&state=ready",
                {testing::json_response(200, boost::json::object{{"checkpoints", boost::json::array{
                                                                                     to_json(testing::ready_checkpoint())}}})});
  EXPECT_EQ(run({"list", "--cluster", "main", "--state", "ready"}), 0);
  EXPECT_EQ(out.str(),
            "ID        CLUSTER   MIGRATION   PHASE    STATE   AGE\n"
            "ck-7f3a   main      m-42        expand   ready   12s\n");
}

TEST_F(Verbs, EmptyListSaysSoOnStderr) {
  daemon.answer("GET", "/v1/checkpoints", {testing::json_response(200, boost::json::parse(R"({"checkpoints":[]})"))});
  EXPECT_EQ(run({"list"}), 0);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "no checkpoints found\n");
}

TEST_F(Verbs, EventsTable) {
  daemon.answer("GET", "/v1/checkpoints/ck-7f3a/events",
                {testing::json_response(200, boost::json::parse(R"({"events":[{"checkpoint_id":"ck-7f3a","seq":1,
                    "at":"2026-11-21T06:48:15.123456Z","type":"state","message":"backing_up"}]})"))});
  EXPECT_EQ(run({"events", "ck-7f3a"}), 0);
  EXPECT_EQ(out.str(),
            "SEQ   AT                            TYPE    MESSAGE\n"
            "1     2026-11-21T06:48:15.123456Z   state   backing_up\n");
}

TEST_F(Verbs, UnreachableDaemonExitsSix) {
  daemon.answer("GET", kCheckpointPath,
                {make_error(ErrorCode::unreachable, "cannot reach checkpointd at unix:///x.sock: connect: refused")});
  EXPECT_EQ(run({"status", "ck-7f3a"}), 6);
  EXPECT_EQ(err.str(), "checkpointctl: cannot reach checkpointd at unix:///x.sock: connect: refused\n");
}

TEST_F(Verbs, UnauthorizedExitsEight) {
  daemon.answer("GET", "/v1/checkpoints", {error_response(make_error(ErrorCode::unauthorized, "missing or wrong bearer token"))});
  EXPECT_EQ(run({"list"}), 8);
  EXPECT_EQ(err.str().find("s3cret-token"), std::string::npos);
}

TEST_F(Verbs, AnswersThatAreNotTheApisAreInternalErrors) {
  net::HttpResponse not_json;
  not_json.body = "<html>hello</html>";
  daemon.answer("GET", kCheckpointPath, {not_json});
  EXPECT_EQ(run({"status", "ck-7f3a"}), 1);
  EXPECT_NE(err.str().find("checkpointctl: the daemon's answer is not valid JSON"), std::string::npos) << err.str();

  err.str("");
  daemon.answer("GET", kCheckpointPath, {testing::json_response(200, boost::json::parse(R"({"id":"ck-7f3a"})"))});
  EXPECT_EQ(run({"status", "ck-7f3a"}), 1);
  EXPECT_NE(err.str().find("checkpointctl: the daemon sent a checkpoint this checkpointctl cannot read ("),
            std::string::npos)
      << err.str();
}

TEST_F(Verbs, ErrorStatusWithoutAnErrorBodyUsesTheStatus) {
  net::HttpResponse gateway;
  gateway.status = 502;
  gateway.content_type = "text/html";
  gateway.body = "<html>bad gateway</html>";
  daemon.answer("GET", kCheckpointPath, {gateway});
  EXPECT_EQ(run({"status", "ck-7f3a"}), 4);
  EXPECT_EQ(err.str(), "checkpointctl: the daemon answered HTTP 502 without an error body: <html>bad gateway</html>\n");
}

TEST_F(Verbs, CheckpointIdsArePercentEncoded) {
  EXPECT_EQ(run({"status", "a b/c"}), 5);
  EXPECT_EQ(daemon.request_lines(), std::vector<std::string>{"GET /v1/checkpoints/a%20b%2Fc"});
}

}  // namespace
}  // namespace ckpt::cli
