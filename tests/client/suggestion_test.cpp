// "did you mean": edit distances, the closest known word only when it is close enough,
// and the usage errors of mistyped verbs, sub-verbs and options, which keep exit code 2.
#include "cli/suggestion.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/command_line.hpp"
#include "client/parse_helpers.hpp"
#include "cli/run.hpp"

namespace ckpt::cli {
namespace {

using testing::usage_error_of;

TEST(Suggestion, EditDistanceCountsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(edit_distance("status", "status"), 0U);
  EXPECT_EQ(edit_distance("stauts", "status"), 1U);
  EXPECT_EQ(edit_distance("lst", "list"), 1U);
  EXPECT_EQ(edit_distance("comit", "commit"), 1U);
  EXPECT_EQ(edit_distance("restroe", "restore"), 1U);
  EXPECT_EQ(edit_distance("", "run"), 3U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(Suggestion, OffersTheClosestWordOnlyWhenItIsClose) {
  const std::vector<std::string> known{"status", "list", "restore", "run"};
  EXPECT_EQ(closest_match("stauts", known), "status");
  EXPECT_EQ(closest_match("lits", known), "list");
  EXPECT_EQ(closest_match("rn", known), "run");
  EXPECT_EQ(closest_match("frobnicate", known), std::nullopt);
  EXPECT_EQ(closest_match("xyz", known), std::nullopt);
  EXPECT_EQ(did_you_mean("restroe", known), "; did you mean 'restore'?");
  EXPECT_EQ(did_you_mean("zzz", known), "");
}

TEST(Suggestion, MistypedVerbNamesTheClosestVerb) {
  EXPECT_EQ(usage_error_of({"stauts"}),
            "unknown command 'stauts'; did you mean 'status'? (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"bgein", "--cluster", "app"}),
            "unknown command 'bgein'; did you mean 'begin'? (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"evidnce", "ck-1"}),
            "unknown command 'evidnce'; did you mean 'evidence'? (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"pln", "check", "p.yaml"}),
            "unknown command 'pln'; did you mean 'plan'? (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"plan", "chek", "p.yaml"}),
            "'plan' needs a subcommand, not 'chek'; did you mean 'plan check'? (see 'checkpointctl --help')");
}

TEST(Suggestion, FarOffVerbGetsTheListInstead) {
  const std::string message = usage_error_of({"frobnicate"});
  EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;
  EXPECT_EQ(message.rfind("unknown command 'frobnicate'; commands are begin, commit,", 0), 0U) << message;
}

TEST(Suggestion, MistypedOptionNamesTheClosestOptionOfTheVerb) {
  EXPECT_EQ(usage_error_of({"list", "--clsuter", "app"}),
            "unknown option '--clsuter'; did you mean '--cluster'? (see 'checkpointctl list --help')");
  EXPECT_EQ(usage_error_of({"status", "ck-1", "--wacth"}),
            "unknown option '--wacth'; did you mean '--watch'? (see 'checkpointctl status --help')");
  EXPECT_EQ(usage_error_of({"list", "--sockt", "/tmp/s"}),
            "unknown option '--sockt'; did you mean '--socket'? (see 'checkpointctl list --help')");
  EXPECT_EQ(usage_error_of({"--verison"}),
            "unknown option '--verison'; did you mean '--version'? (see 'checkpointctl --help')");
}

TEST(Suggestion, FarOffOptionsAndPrefixesGetNoSuggestion) {
  EXPECT_EQ(usage_error_of({"commit", "ck-1", "--frob"}),
            "unknown option '--frob' (see 'checkpointctl commit --help')");
  // Only the verb's own options and the global ones are suggested.
  EXPECT_EQ(usage_error_of({"commit", "ck-1", "--watch"}),
            "unknown option '--watch' (see 'checkpointctl commit --help')");
  EXPECT_EQ(usage_error_of({"begin", "--clus", "main", "--migration-id", "m"}),
            "unknown option '--clus' (see 'checkpointctl begin --help')");
}

TEST(Suggestion, MistypesExitWithTheUsageCode) {
  std::ostringstream out;
  std::ostringstream err;
  Console console{.out = out, .err = err};
  EXPECT_EQ(run_checkpointctl(
                {"stauts", "ck-1"}, [](const std::string&) { return std::nullopt; }, console),
            proto::kExitUsage);
  EXPECT_EQ(err.str(),
            "checkpointctl: unknown command 'stauts'; did you mean 'status'? (see 'checkpointctl --help')\n");
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace ckpt::cli
