// -o name: the verbs that return checkpoints print only their ids, one per line, and
// nothing else on stdout; the verbs that print something else refuse it as a usage error.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>

#include "cli/command_line.hpp"
#include "client/parse_helpers.hpp"
#include "cli/options_catalog.hpp"
#include "client/verb_fixture.hpp"

namespace ckpt::cli {
namespace {

using testing::checkpoint_response;

using OutputName = testing::VerbFixture;

using testing::usage_error_of;

Checkpoint with_id(Checkpoint checkpoint, const char* id) {
  checkpoint.id = id;
  return checkpoint;
}

TEST_F(OutputName, ListPrintsOneIdALine) {
  daemon.answer(
      "GET", "/v1/checkpoints",
      {testing::json_response(
          200, boost::json::object{
                   {"checkpoints", boost::json::array{to_json(testing::ready_checkpoint()),
                                                      to_json(with_id(testing::restored_checkpoint(), "ck-0b1c"))}}})});
  EXPECT_EQ(run({"list", "-o", "name"}), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\nck-0b1c\n");
  EXPECT_EQ(err.str(), "");
}

TEST_F(OutputName, EmptyListPrintsNothing) {
  daemon.answer("GET", "/v1/checkpoints", {testing::json_response(200, boost::json::parse(R"({"checkpoints":[]})"))});
  EXPECT_EQ(run({"list", "--output=name"}), 0);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "");
}

TEST_F(OutputName, StatusAndStateChangesPrintTheId) {
  daemon.answer("GET", "/v1/checkpoints/ck-7f3a", {checkpoint_response(200, testing::ready_checkpoint())});
  EXPECT_EQ(run({"status", "ck-7f3a", "-o", "name"}), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");

  out.str("");
  auto committed = testing::ready_checkpoint();
  committed.state = CheckpointState::committed;
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/commit", {checkpoint_response(200, committed)});
  EXPECT_EQ(run({"-o", "name", "commit", "ck-7f3a"}), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");

  out.str("");
  daemon.answer("POST", "/v1/checkpoints/ck-7f3a/restore",
                {checkpoint_response(202, testing::restoring_checkpoint(0))});
  EXPECT_EQ(run({"restore", "ck-7f3a", "-o", "name"}), 0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
}

TEST_F(OutputName, BeginPrintsTheIdOnceAndProgressStaysOnStderr) {
  daemon.answer("POST", "/v1/checkpoints", {checkpoint_response(202, testing::backing_up_checkpoint())});
  daemon.answer("GET", "/v1/checkpoints/ck-7f3a", {checkpoint_response(200, testing::ready_checkpoint())});
  EXPECT_EQ(run({"begin", "--cluster", "main", "--migration-id", "m-42", "--window", "24h", "--owner", "alice",
                 "--approver", "bob", "-o", "name"}),
            0);
  EXPECT_EQ(out.str(), "ck-7f3a\n");
  EXPECT_NE(err.str().find("ready: recovery point"), std::string::npos) << err.str();
}

TEST(OutputNameUsage, AcceptedExactlyByTheVerbsThatPrintCheckpoints) {
  for (const auto& spec : verb_specs()) {
    EXPECT_EQ(accepts_output(spec, OutputFormat::name), spec.prints == Prints::checkpoints) << spec.name;
  }
  for (const char* verb : {"begin", "commit", "fail", "abort", "restore", "status", "list", "run", "promote", "flag",
                           "approve", "drill"}) {
    EXPECT_TRUE(accepts_output(*find_verb(verb), OutputFormat::name)) << verb;
  }
}

TEST(OutputNameUsage, RefusedWhereNoCheckpointIsPrinted) {
  EXPECT_EQ(usage_error_of({"events", "ck-1", "-o", "name"}),
            "-o name: events prints no checkpoints; use table, json or yaml (see 'checkpointctl events --help')");
  EXPECT_EQ(usage_error_of({"go-no-go", "--cluster", "app", "--migration-id", "m", "-o", "name"}),
            "-o name: go-no-go prints no checkpoints; use table, json or yaml (see 'checkpointctl go-no-go --help')");
  EXPECT_EQ(
      usage_error_of({"evidence", "ck-1", "-o", "name"}),
      "-o name: evidence prints no checkpoints; use table, json, yaml or md (see 'checkpointctl evidence --help')");
  EXPECT_EQ(
      usage_error_of({"plan", "check", "p.yaml", "-o", "name"}),
      "-o name: plan check prints no checkpoints; use table, json or yaml (see 'checkpointctl plan check --help')");
  EXPECT_EQ(usage_error_of({"restore", "ck-1", "--dry-run", "-o", "name"}),
            "-o name: restore --dry-run prints a plan, not checkpoints; use table, json or yaml "
            "(see 'checkpointctl restore --help')");
  EXPECT_EQ(usage_error_of({"run", "--plan", "p.yaml", "--dry-run", "-o", "name"}),
            "-o name: run --dry-run prints a plan, not checkpoints; use table, json or yaml "
            "(see 'checkpointctl run --help')");
  EXPECT_EQ(usage_error_of({"completion", "bash", "-o", "name"}),
            "-o name: completion prints text only; leave out -o (see 'checkpointctl completion --help')");
}

}  // namespace
}  // namespace ckpt::cli
