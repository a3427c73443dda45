// `checkpointctl plan check FILE`: real plan files in a temp directory, judged by the
// real loader, classifier and rules, offline. Exit 0 valid, 2 invalid, 3 refused.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>

#include "cli/run.hpp"
#include "client/sample_plans.hpp"
#include "client/verb_fixture.hpp"

namespace ckpt::cli {
namespace {

using testing::with;
using testing::write_plan;

class PlanCheck : public testing::VerbFixture {
 protected:
  int check(const std::string& plan_file, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"plan", "check", plan_file};
    args.insert(args.end(), extra.begin(), extra.end());
    const int exit_code = run(args);
    EXPECT_TRUE(daemon.requests().empty()) << "plan check must not talk to the daemon";
    return exit_code;
  }

  bool printed(const std::string& text) const { return out.str().find(text) != std::string::npos; }

  testing::TempDirectory directory;
};

TEST_F(PlanCheck, AValidPlanShowsItsHeaderStatementsAndVerdict) {
  EXPECT_EQ(check(write_plan(directory)), 0) << out.str() << err.str();
  EXPECT_EQ(out.str().rfind("Migration:         2026_11_21_add_phone\n", 0), 0U) << out.str();
  for (const char* line :
       {"Purpose:           add users.phone for login v2\n", "Cluster:           app\n", "Phase:             expand\n",
        "Rollback window:   24h, alice → bob\n", "Session:           lock_timeout 5s, statement_timeout 15m\n",
        "Commit:            automatic\n", "Step 1: 001_add_phone.sql (one transaction)\n",
        "Step 2: 002_phone_index.sql (statement by statement)\n",
        "Statements: 2 additive, 0 lock_risky, 0 unknown, 0 destructive\n"}) {
    EXPECT_TRUE(printed(line)) << line << "\n--- in ---\n" << out.str();
  }
  EXPECT_TRUE(printed("  LINE   CLASS"));
  EXPECT_TRUE(printed("ALTER TABLE users ADD COLUMN phone text\n")) << out.str();
  EXPECT_TRUE(printed("CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone)\n")) << out.str();
  EXPECT_EQ(out.str().substr(out.str().size() - 12), "Verdict: ok\n");
  EXPECT_EQ(err.str(), "");
}

TEST_F(PlanCheck, LockRiskyStatementsAreCalledOutWithTheirReason) {
  const std::string sql = "ALTER TABLE users ADD COLUMN phone text;\nCREATE INDEX users_phone_idx2 ON users (phone);\n";
  EXPECT_EQ(check(write_plan(directory, testing::kAddPhonePlan, sql)), 0) << out.str();
  EXPECT_TRUE(printed("  ! line 2 lock_risky: ")) << out.str();
  EXPECT_TRUE(printed("Statements: 2 additive, 1 lock_risky, 0 unknown, 0 destructive\n")) << out.str();
  EXPECT_TRUE(printed("Verdict: ok\n"));
}

TEST_F(PlanCheck, ADestructiveStatementInAnExpandPlanIsRefused) {
  const std::string sql = "ALTER TABLE users DROP COLUMN legacy_phone;\n";
  EXPECT_EQ(check(write_plan(directory, testing::kAddPhonePlan, sql)), 3) << out.str();
  EXPECT_TRUE(printed("  ! line 1 destructive: ")) << out.str();
  EXPECT_TRUE(printed("Verdict: refused (destructive_statement): ")) << out.str();
  EXPECT_TRUE(printed("001_add_phone.sql:1")) << out.str();
}

TEST_F(PlanCheck, AnApproverWhoIsTheOwnerIsRefused) {
  EXPECT_EQ(check(write_plan(directory, with(testing::kAddPhonePlan, "approver: bob", "approver: alice"))), 3);
  EXPECT_TRUE(printed("Verdict: refused (approver_is_owner): ")) << out.str();
}

TEST_F(PlanCheck, AMissingRollbackWindowIsRefused) {
  EXPECT_EQ(check(write_plan(directory, with(testing::kAddPhonePlan, "  duration: 24h\n", ""))), 3) << out.str();
  EXPECT_TRUE(printed("Rollback window:   none, alice → bob\n")) << out.str();
  EXPECT_TRUE(printed("Verdict: refused (missing_rollback_window): ")) << out.str();
}

TEST_F(PlanCheck, UnknownKeysMakeThePlanInvalid) {
  EXPECT_EQ(check(write_plan(directory, with(testing::kAddPhonePlan, "commit: automatic", "comit: automatic"))), 2);
  EXPECT_EQ(out.str().rfind("Verdict: invalid:\n  ", 0), 0U) << out.str();
  EXPECT_TRUE(printed("comit")) << out.str();
}

TEST_F(PlanCheck, SqlThatDoesNotParseMakesThePlanInvalid) {
  EXPECT_EQ(check(write_plan(directory, testing::kAddPhonePlan, "ALTR TABLE users ADD COLUMN phone text;\n")), 2);
  EXPECT_TRUE(printed("Migration:         2026_11_21_add_phone\n")) << out.str();
  EXPECT_TRUE(printed("Verdict: invalid:\n  ")) << out.str();
  EXPECT_TRUE(printed("001_add_phone.sql:1")) << out.str();
  EXPECT_TRUE(printed("Step 1: 001_add_phone.sql (one transaction)\n  not classified\n")) << out.str();
  EXPECT_FALSE(printed("Statements:")) << "no count for SQL that was not classified";
}

TEST_F(PlanCheck, AStatementThatCannotRunInATransactionInATransactionStepIsInvalid) {
  EXPECT_EQ(check(write_plan(directory, with(testing::kAddPhonePlan, "    transaction: false\n", ""))), 2) << out.str();
  EXPECT_TRUE(printed("  2      additive   create_index_concurrently")) << out.str();
  EXPECT_TRUE(printed("Verdict: invalid:\n  ")) << out.str();
  EXPECT_TRUE(printed("002_phone_index.sql")) << out.str();
}

TEST_F(PlanCheck, AMissingFileIsInvalid) {
  EXPECT_EQ(check((directory.path() / "nope.yaml").string()), 2);
  EXPECT_TRUE(printed("Verdict: invalid:\n")) << out.str();
  EXPECT_TRUE(printed("nope.yaml")) << out.str();
}

TEST_F(PlanCheck, JsonCarriesThePlanAndTheVerdict) {
  EXPECT_EQ(check(write_plan(directory), {"-o", "json"}), 0);
  const auto printed_json = boost::json::parse(out.str());
  EXPECT_EQ(printed_json.at("plan").at("migration").at("id").as_string(), "2026_11_21_add_phone");
  EXPECT_EQ(printed_json.at("plan").at("steps").at(1).at("statements").at(0).at("class").as_string(), "additive");
  EXPECT_EQ(printed_json.at("verdict"), boost::json::parse(R"({"ok":true,"code":null,"reason":null,"message":null})"));
}

TEST_F(PlanCheck, YamlOfARefusalHasTheReasonAndTheErrorLineGoesToStderr) {
  EXPECT_EQ(
      check(write_plan(directory, with(testing::kAddPhonePlan, "approver: bob", "approver: alice")), {"-o", "yaml"}),
      3);
  EXPECT_TRUE(printed("verdict:\n  ok: false\n  code: refused\n  reason: approver_is_owner\n")) << out.str();
  EXPECT_EQ(err.str().rfind("checkpointctl: ", 0), 0U) << err.str();
  EXPECT_NE(err.str().find("(reason: approver_is_owner)"), std::string::npos) << err.str();
}

TEST(PlanCheckOffline, NeedsNoDaemonNotEvenItsToken) {
  testing::TempDirectory directory;
  std::ostringstream out;
  std::ostringstream err;
  Console console{.out = out, .err = err};
  const EnvironmentLookup environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == kAddrEnv) return "https://db1:9187";  // and no token file: fine offline
    return std::nullopt;
  };
  EXPECT_EQ(run_checkpointctl({"plan", "check", testing::write_plan(directory)}, environment, console), 0) << err.str();
  EXPECT_NE(out.str().find("Verdict: ok\n"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::cli
