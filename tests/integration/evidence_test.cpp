// The evidence package of a real checkpoint through the real daemon and checkpointctl: a
// plan whose SQL fails, so the checkpoint fails and is restored; its package as JSON
// (saved, verified, and refused once edited) and as Markdown.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "daemon_process.hpp"
#include "migration_plan.hpp"
#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

class Evidence : public UsersDaemonTest {
 protected:
  ProgramRun checkpointctl(std::vector<std::string> args) const {
    std::vector<std::string> full{checkpointctl_binary().string(), "--socket", daemon_->socket().string()};
    full.insert(full.end(), args.begin(), args.end());
    return run_program(full);
  }

  // Runs a plan whose second statement breaks a NOT NULL constraint; the id of its
  // checkpoint once restored.
  std::string restored_checkpoint() {
    const auto plan = write_plan(postgres_->root() / "plan", "2026_12_05_phone",
                                 {{"001_phone.sql",
                                   "ALTER TABLE users ADD COLUMN phone text;\n"
                                   "UPDATE users SET email = NULL WHERE id = 1;\n",
                                   ""}});
    const auto run = checkpointctl({"run", "--plan", plan.string()});
    EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
    const std::string id = run.out.substr(0, run.out.find('\n'));
    const auto checkpoint = daemon_->wait_for_state(id, "restored,restore_failed");
    EXPECT_EQ(checkpoint.at("state").as_string(), "restored") << json::serialize(checkpoint) << daemon_->log_text();
    return id;
  }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = postgres_->root() / name;
    std::ofstream(path) << text;
    return path.string();
  }
};

TEST_F(Evidence, ARestoredCheckpointsPackageHoldsThePlanTheFailureAndTheRestoreAndVerifies) {
  const std::string id = restored_checkpoint();

  const auto saved = checkpointctl({"evidence", id, "-o", "json"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  const json::object package = json::parse(saved.out).as_object();
  EXPECT_EQ(package.at("kind").as_string(), "checkpointd.evidence");
  EXPECT_EQ(package.at("checkpoint").at("id").as_string(), id);
  EXPECT_EQ(package.at("checkpoint").at("state").as_string(), "restored");
  EXPECT_EQ(package.at("checkpoint").at("archived_before_ready").at("proven").as_bool(), true);
  const auto& statements = package.at("plan").at("steps").at(0).at("statements").as_array();
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_EQ(statements.at(0).at("class").as_string(), "additive");
  EXPECT_EQ(statements.at(1).at("rule").as_string(), "update_with_where");
  EXPECT_EQ(package.at("execution").at("failure").at("sqlstate").as_string(), "23502");
  EXPECT_EQ(package.at("execution").at("failure").at("line").as_int64(), 2);
  const auto& rollback = package.at("rollback").as_object();
  EXPECT_TRUE(rollback.contains("failed_at"));
  const auto& restore = rollback.at("restore").as_object();
  EXPECT_EQ(restore.at("trigger").as_string(), "auto");
  EXPECT_EQ(restore.at("verified").as_bool(), true);
  EXPECT_GT(restore.at("duration_seconds").to_number<double>(), 0);
  EXPECT_EQ(package.at("go_no_go").at("expand_migration_id").as_string(), "2026_12_05_phone");
  EXPECT_EQ(package.at("go_no_go").at("go").as_bool(), false);
  EXPECT_FALSE(package.at("events").as_array().empty());

  const auto over_api = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/evidence");
  EXPECT_EQ(over_api.at("checkpoint"), package.at("checkpoint"));

  const std::string file = write("evidence.json", saved.out);
  const auto verified = checkpointctl({"evidence", "verify", file});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_EQ(verified.out.rfind("verified: sha256 " + std::string{package.at("sha256").as_string()}, 0), 0U)
      << verified.out;

  std::string edited = saved.out;
  const auto sqlstate = edited.find("\"23502\"");
  ASSERT_NE(sqlstate, std::string::npos);
  edited.replace(sqlstate, 7, "\"23503\"");
  const auto refused = checkpointctl({"evidence", "verify", write("edited.json", edited)});
  EXPECT_EQ(refused.exit_code, 4) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("was edited after checkpointd wrote it"), std::string::npos) << refused.err;

  const auto markdown = checkpointctl({"evidence", id, "-o", "md"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
  EXPECT_EQ(markdown.out.rfind("# Evidence: `2026_12_05_phone` (expand), checkpoint `" + id + "`", 0), 0U)
      << markdown.out;
  for (const std::string& part : std::vector<std::string>{
           "## Go/no-go", "**NO-GO**", "### Statements", "SQLSTATE 23502", "## Rollback timeline",
           "| restore verified |", "### Restore", "| Verified | ✅ on timeline", "\n---\n\nsha256 `"}) {
    EXPECT_NE(markdown.out.find(part), std::string::npos) << part << "\n" << markdown.out;
  }
}

TEST_F(Evidence, AnUnknownCheckpointIsNotFound) {
  const auto response = daemon_->call("GET", "/v1/checkpoints/c0000000/evidence");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("checkpoint 'c0000000' not found"), std::string::npos) << response.body;

  const auto run = checkpointctl({"evidence", "c0000000"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
}

}  // namespace
}  // namespace ckpt::test
