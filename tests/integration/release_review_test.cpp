// The release review through the real daemon and checkpointctl: an explicit approval by
// the rollback window's approver only, and the contract step's go/no-go computed from the
// recorded watch, the flag read back from its flagd file, the approval and the restore
// evidence — the same verdict that gates a contract plan at begin.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "migration_plan.hpp"
#include "watched_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

class ReleaseReview : public WatchedDaemonTest {};

std::string item_line(const std::string& table, const std::string& name) {
  const auto at = table.find(name);
  if (at == std::string::npos) return {};
  const auto start = table.rfind('\n', at) + 1;
  return table.substr(start, table.find('\n', at) - start);
}

TEST_F(ReleaseReview, OnlyTheApproverApprovesAndTheGoNoGoReadsTheEvidence) {
  start(true);
  const std::string expand_id = begin_and_migrate("2026_12_06_login_v2", watch_yaml(error_rate_metric()));
  daemon_->wait_for_state(expand_id, "committed");

  const auto owner = checkpointctl({"approve", expand_id, "--by", "alice"});
  EXPECT_EQ(owner.exit_code, 3);
  EXPECT_NE(owner.err.find("'alice' owns the rollback window"), std::string::npos) << owner.err;
  const auto stranger = checkpointctl({"approve", expand_id, "--by", "carol"});
  EXPECT_EQ(stranger.exit_code, 3);
  EXPECT_NE(stranger.err.find("its rollback window names bob as the approver"), std::string::npos) << stranger.err;

  const std::vector<std::string> gate{"go-no-go", "--cluster", "app", "--migration-id", "2026_12_06_login_v2"};
  auto before = checkpointctl(gate);
  EXPECT_EQ(before.exit_code, 3) << before.out << before.err;
  EXPECT_EQ(before.out.rfind("NO-GO", 0), 0U) << before.out;
  EXPECT_NE(item_line(before.out, "approval_recorded").find("NO"), std::string::npos) << before.out;
  EXPECT_NE(item_line(before.out, "no_incident").find("yes"), std::string::npos) << before.out;
  EXPECT_NE(
      item_line(before.out, "traffic_on_new_path").find("FEATURE_LOGIN_V2 is on in every scope: develop (read back)"),
      std::string::npos)
      << before.out;

  const auto approved = checkpointctl({"approve", expand_id, "--by", "Bob", "--note", "dashboards reviewed"});
  ASSERT_EQ(approved.exit_code, 0) << approved.err;
  const auto checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + expand_id).as_object();
  ASSERT_EQ(checkpoint.at("approvals").as_array().size(), 1U);
  EXPECT_EQ(checkpoint.at("approvals").as_array()[0].at("note"), "dashboards reviewed");
  EXPECT_EQ(checkpointctl({"approve", expand_id, "--by", "bob"}).exit_code, 0) << "approving again changes nothing";
  EXPECT_EQ(daemon_->call_json("GET", "/v1/checkpoints/" + expand_id).at("approvals").as_array().size(), 1U);

  // The flag goes off by hand: traffic is no longer on the new path, and it is an incident.
  ASSERT_EQ(checkpointctl({"flag", expand_id, "off", "--by", "carol"}).exit_code, 0);
  auto after = checkpointctl({"-o", "json", "go-no-go", "--cluster", "app", "--migration-id", "2026_12_06_login_v2"});
  EXPECT_EQ(after.exit_code, 3);
  const auto verdict = json::parse(after.out).as_object();
  EXPECT_EQ(verdict.at("go"), false);
  for (const auto& entry : verdict.at("items").as_array()) {
    const auto& name = entry.at("name").as_string();
    if (name == "approval_recorded" || name == "expand_committed") {
      EXPECT_EQ(entry.at("passed"), true) << name;
    }
    if (name == "traffic_on_new_path") {
      EXPECT_EQ(entry.at("passed"), false);
      EXPECT_EQ(entry.at("detail"), "FEATURE_LOGIN_V2 is off in develop (read back)");
    }
    if (name == "no_incident") {
      EXPECT_EQ(entry.at("passed"), false);
    }
  }

  // A contract plan after it is refused at begin with the same verdict.
  const auto contract = write_plan(postgres_->root() / "contract", "2026_12_07_drop_email",
                                   {{"001_drop.sql", "ALTER TABLE users DROP COLUMN email;\n", ""}}, "", "contract");
  std::string yaml;
  {
    std::ifstream in(contract);
    std::stringstream text;
    text << in.rdbuf();
    yaml = text.str();
  }
  yaml.replace(yaml.find("  purpose:"), 0, "  expand_migration_id: 2026_12_06_login_v2\n");
  std::ofstream(contract) << yaml;
  const auto refused = checkpointctl({"run", "--plan", contract.string()});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("traffic_on_new_path: FEATURE_LOGIN_V2 is off in develop (read back)"), std::string::npos)
      << refused.err;

  EXPECT_EQ(checkpointctl({"go-no-go", "--cluster", "nowhere", "--migration-id", "x"}).exit_code, 5);
}

}  // namespace
}  // namespace ckpt::test
