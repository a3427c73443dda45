// checkpointctl run against the real daemon and a real PostgreSQL: the daemon runs a
// plan's SQL; checkpointctl wraps a job's own command with the cluster's libpq
// environment and reports its end; a failing command fails the checkpoint and restores.
#include <gtest/gtest.h>

#include <fstream>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "migration_plan.hpp"
#include "support/postgres_instance.hpp"
#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

class RunVerb : public UsersDaemonTest {
 protected:
  std::filesystem::path plan_dir() const { return postgres_->root() / "plan"; }
};

TEST_F(RunVerb, TheDaemonRunsThePlansSqlAndCommits) {
  const auto plan = write_plan(plan_dir(), "2026_12_03_phone",
                               {{"001.sql", "ALTER TABLE users ADD COLUMN phone text;\n", ""}});
  const auto run = checkpointctl({"run", "--plan", plan.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err << daemon_->log_text();
  const std::string id = first_line(run.out);
  EXPECT_EQ(daemon_->call_json("GET", "/v1/checkpoints/" + id).at("state").as_string(), "committed");
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'phone'"), "1");
  EXPECT_NE(run.err.find("001.sql"), std::string::npos) << "progress names the file on stderr: " << run.err;
}

TEST_F(RunVerb, AWrappedCommandGetsTheCheckpointAndTheDatabase) {
  const auto plan = write_plan(plan_dir(), "2026_12_03_wrapped", {});
  const auto seen = postgres_->root() / "seen.txt";
  const std::string script =
      "echo \"$CHECKPOINT_ID\" > " + seen.string() + " && " + (postgres_->bin_directory() / "psql").string() +
      " -X -q -v ON_ERROR_STOP=1 -c 'ALTER TABLE users ADD COLUMN nickname text' && echo migrated";
  const auto run = checkpointctl({"run", "--plan", plan.string(), "--", "sh", "-c", script});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string id = first_line(run.out);
  std::string recorded_id;
  std::ifstream(seen) >> recorded_id;
  EXPECT_EQ(recorded_id, id) << "CHECKPOINT_ID is the checkpoint's id";
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'"),
            "1")
      << "PGHOST, PGPORT, PGDATABASE and PGUSER lead the command to the cluster";
  auto checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  EXPECT_EQ(checkpoint.at("state").as_string(), "committed");
  EXPECT_EQ(checkpoint.at("migration").at("exit_code").as_int64(), 0);
  EXPECT_NE(std::string{checkpoint.at("migration").at("output").as_string()}.find("migrated"), std::string::npos);
}

TEST_F(RunVerb, AFailingCommandFailsTheCheckpointRestoresAndExits4) {
  const auto plan = write_plan(plan_dir(), "2026_12_03_broken", {});
  const std::string script = (postgres_->bin_directory() / "psql").string() +
                             " -X -q -c 'DELETE FROM users WHERE id > 10' && echo 'step 2 exploded' && exit 3";
  const auto run = checkpointctl({"run", "--plan", plan.string(), "--", "sh", "-c", script});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  const std::string id = first_line(run.out);
  auto checkpoint = daemon_->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(checkpoint.at("state").as_string(), "restored") << json::serialize(checkpoint);
  EXPECT_EQ(checkpoint.at("migration").at("exit_code").as_int64(), 3);
  EXPECT_NE(run.err.find("step 2 exploded"), std::string::npos) << run.err;
  const auto port = static_cast<std::uint16_t>(checkpoint.at("restore").at("port").as_int64());
  EXPECT_EQ(postgres_->query_value_at(postgres_->restore_directory(), port, "SELECT count(*) FROM users"), "100");
}

TEST_F(RunVerb, APlanRefusedByTheDaemonExits3AndNothingRuns) {
  const auto plan = write_plan(plan_dir(), "2026_12_03_sneaky",
                               {{"001.sql", "DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;\n", ""}});
  const auto run = checkpointctl({"run", "--plan", plan.string()});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_NE(run.err.find("opaque_do_block"), std::string::npos) << run.err;
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM users"), "100");
}

}  // namespace
}  // namespace ckpt::test
