// Loading a migration plan: every key read, every problem of a file reported together
// as "<source>:<line>: <message>" naming the key path, step files read relative to the
// plan's directory (never outside it) and hashed.
#include "plan/plan_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "support/temp_dir.hpp"

namespace ckpt {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A step reader over files held in memory; counts what it was asked for.
struct MemoryFiles {
  std::map<std::string, std::string> files;
  std::vector<std::string> asked;

  StepFileReader reader() {
    return [this](const std::string& path) -> Result<std::string> {
      asked.push_back(path);
      const auto found = files.find(path);
      if (found == files.end()) return make_error(ErrorCode::bad_request, "No such file or directory");
      return found->second;
    };
  }
};

std::string errors_of(const std::string& yaml, MemoryFiles files = {}) {
  const auto result = parse_plan(yaml, "plan.yaml", files.reader());
  if (result.ok()) return "<no error>";
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  return result.error().message;
}

constexpr const char* kAddPhone = "ALTER TABLE users ADD COLUMN phone text;\n";

TEST(PlanLoader, ReadsAFullPlanWithEveryKey) {
  test::TempDir dir{"plan"};
  write_file(dir.path() / "plan.yaml", R"(migration:
  id: 2026_11_21_add_phone
  purpose: add users.phone for login v2
cluster: app
phase: expand
rollback_window:
  duration: 24h
  owner: alice
  approver: bob
session:
  lock_timeout: 3s
  statement_timeout: 20m
steps:
  - sql: migrations/001_add_phone.sql
  - sql: migrations/002_index.sql
    transaction: false
    reviewed: true
commit: manual
)");
  write_file(dir.path() / "migrations" / "001_add_phone.sql", kAddPhone);
  write_file(dir.path() / "migrations" / "002_index.sql", "abc");
  const auto plan = load_plan_file(dir.path() / "plan.yaml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->migration_id, "2026_11_21_add_phone");
  EXPECT_EQ(plan->purpose, "add users.phone for login v2");
  EXPECT_EQ(plan->expand_migration_id, "");
  EXPECT_EQ(plan->cluster, "app");
  EXPECT_EQ(plan->phase, MigrationPhase::expand);
  EXPECT_EQ(plan->window.duration, std::chrono::hours{24});
  EXPECT_EQ(plan->window.owner, "alice");
  EXPECT_EQ(plan->window.approver, "bob");
  EXPECT_EQ(plan->session.lock_timeout, std::chrono::seconds{3});
  EXPECT_EQ(plan->session.statement_timeout, std::chrono::minutes{20});
  ASSERT_EQ(plan->steps.size(), 2U);
  EXPECT_EQ(plan->steps[0].file, "migrations/001_add_phone.sql");
  EXPECT_EQ(plan->steps[0].sql, kAddPhone);
  EXPECT_EQ(plan->steps[0].sha256, "aa7e2e8f56bd4b7cadafa18cb52c1d632d90400bb99592f1ed575f90584067c4");
  EXPECT_TRUE(plan->steps[0].transaction);
  EXPECT_FALSE(plan->steps[0].reviewed);
  EXPECT_TRUE(plan->steps[0].statements.empty());
  EXPECT_EQ(plan->steps[1].file, "migrations/002_index.sql");
  EXPECT_EQ(plan->steps[1].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(plan->steps[1].transaction);
  EXPECT_TRUE(plan->steps[1].reviewed);
  EXPECT_TRUE(plan->command.empty());
  EXPECT_EQ(plan->commit, CommitPolicy::manual);
  EXPECT_FALSE(plan->break_glass.has_value());
}

TEST(PlanLoader, ReadsAContractPlanThatWrapsACommand) {
  MemoryFiles files;
  const auto plan = parse_plan(R"(migration:
  id: 2026_12_05_drop_legacy_phone
  expand_migration_id: 2026_11_21_add_phone
cluster: orders-db
phase: contract
rollback_window: {duration: 1h30m, owner: alice, approver: bob}
command: [flyway, -locations=filesystem:sql, migrate]
break_glass:
  by: carol
  reason: incident 4711, approved in the change board
)",
                               "plan.yaml", files.reader());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->expand_migration_id, "2026_11_21_add_phone");
  EXPECT_EQ(plan->phase, MigrationPhase::contract);
  EXPECT_EQ(plan->window.duration, std::chrono::minutes{90});
  EXPECT_EQ(plan->command, (std::vector<std::string>{"flyway", "-locations=filesystem:sql", "migrate"}));
  EXPECT_TRUE(plan->steps.empty());
  EXPECT_EQ(plan->commit, CommitPolicy::automatic);
  EXPECT_EQ(plan->session.lock_timeout, kDefaultLockTimeout);
  EXPECT_EQ(plan->session.statement_timeout, kDefaultStatementTimeout);
  ASSERT_TRUE(plan->break_glass.has_value());
  EXPECT_EQ(plan->break_glass->by, "carol");
  EXPECT_EQ(plan->break_glass->reason, "incident 4711, approved in the change board");
  EXPECT_TRUE(files.asked.empty());
}

TEST(PlanLoader, TyposAndWrongTypesAreAllReportedWithTheirLines) {
  MemoryFiles files;
  files.files["a.sql"] = "SELECT 1;";
  EXPECT_EQ(errors_of(R"(migration:
  id: m1
  purpose: [not, text]
cluster: App_DB
phase: expnad
rollback_window:
  duration: tomorrow
  owner: alice
  aprover: bob
session:
  lock_timeout: 0s
  statment_timeout: 15m
steps:
  - sql: a.sql
    transaction: no
    reviewd: true
commit: later
)",
                      files),
            "plan.yaml:3: 'migration.purpose' must be a string (\"\" for none), got a list\n"
            "plan.yaml:4: 'cluster' must be the name of a cluster in checkpointd's configuration (lowercase "
            "letters, digits and '-', starting with a letter, not ending with '-', at most 40 characters), got "
            "'App_DB'\n"
            "plan.yaml:5: 'phase' must be one of: expand, contract, got 'expnad'\n"
            "plan.yaml:7: 'rollback_window.duration' must be a duration such as 24h, got 'tomorrow'\n"
            "plan.yaml:9: unknown key 'rollback_window.aprover' (known keys: duration, owner, approver)\n"
            "plan.yaml:11: 'session.lock_timeout' must be a duration longer than zero such as 5s, got '0s'\n"
            "plan.yaml:12: unknown key 'session.statment_timeout' (known keys: lock_timeout, statement_timeout)\n"
            "plan.yaml:15: 'steps[0].transaction' must be true or false, got 'no'\n"
            "plan.yaml:16: unknown key 'steps[0].reviewd' (known keys: sql, transaction, reviewed)\n"
            "plan.yaml:17: 'commit' must be one of: automatic, manual, got 'later'");
}

TEST(PlanLoader, UnknownAndDuplicateTopLevelKeys) {
  EXPECT_EQ(errors_of(R"(migration: {id: m1}
cluster: app
phase: expand
analysis: {}
phase: contract
)"),
            "plan.yaml:4: unknown key 'analysis' (known keys: migration, cluster, phase, rollback_window, session, "
            "steps, command, commit, break_glass, slo, flag, ladder)\n"
            "plan.yaml:5: duplicate key 'phase' (first given at line 3)");
}

TEST(PlanLoader, MissingRequiredKeysAreNamed) {
  EXPECT_EQ(errors_of("rollback_window: {duration: 24h}\n"),
            "plan.yaml:1: 'migration' is required\n"
            "plan.yaml:1: 'cluster' is required\n"
            "plan.yaml:1: 'phase' is required");
  EXPECT_EQ(errors_of("migration: {purpose: x}\ncluster: app\nphase: expand\n"),
            "plan.yaml:1: 'migration.id' is required");
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: contract\nbreak_glass: {by: carol}\n"),
            "plan.yaml:4: 'break_glass.reason' is required");
  MemoryFiles files;
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: expand\nsteps:\n  - transaction: false\n", files),
            "plan.yaml:5: 'steps[0].sql' is required");
}

TEST(PlanLoader, AMissingRollbackWindowIsNotADecodingProblem) {
  MemoryFiles files;
  for (const std::string window : {"", "rollback_window:\n", "rollback_window: {duration: 24h, owner: , approver:}\n",
                                   "rollback_window: {duration: , owner: alice}\n"}) {
    const auto plan =
        parse_plan("migration: {id: m}\ncluster: app\nphase: expand\n" + window, "plan.yaml", files.reader());
    EXPECT_TRUE(plan.ok()) << window << ": " << plan.error().message;
  }
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: expand\nrollback_window: {owner: [alice]}\n"),
            "plan.yaml:4: 'rollback_window.owner' must be a person's name, got a list");
}

TEST(PlanLoader, StepsAndCommandTogetherAreRefused) {
  MemoryFiles files;
  files.files["a.sql"] = "SELECT 1;";
  EXPECT_EQ(errors_of(R"(migration: {id: m}
cluster: app
phase: expand
steps:
  - sql: a.sql
command: [flyway, migrate]
)",
                      files),
            "plan.yaml:6: 'command' and 'steps' are both given; a plan either lists SQL files that checkpointd runs "
            "or wraps one command: remove one of them");
}

TEST(PlanLoader, StepsAndCommandMustNotBeEmpty) {
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: expand\nsteps: []\n"),
            "plan.yaml:4: 'steps' must list at least one SQL file; to wrap a command instead, remove 'steps' and "
            "give 'command'");
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: expand\ncommand: flyway migrate\n"),
            "plan.yaml:4: 'command' must be a command as a non-empty list of arguments, such as [flyway, migrate], "
            "got 'flyway migrate'");
  EXPECT_EQ(errors_of("migration: {id: m}\ncluster: app\nphase: expand\ncommand: [flyway, '']\n"),
            "plan.yaml:4: 'command[1]' must be a non-empty string, got ''");
}

TEST(PlanLoader, StepPathsMustStayInThePlansDirectory) {
  MemoryFiles files;
  const std::string head = "migration: {id: m}\ncluster: app\nphase: expand\nsteps:\n";
  EXPECT_EQ(errors_of(head + "  - sql: /etc/passwd\n  - sql: ../other/x.sql\n  - sql: a/../../x.sql\n", files),
            "plan.yaml:5: 'steps[0].sql' must be a path relative to the plan's directory (such as "
            "migrations/001.sql), got '/etc/passwd'\n"
            "plan.yaml:6: 'steps[1].sql' leads out of the plan's directory ('../other/x.sql'); keep the SQL files in "
            "the plan's directory or below it\n"
            "plan.yaml:7: 'steps[2].sql' leads out of the plan's directory ('a/../../x.sql'); keep the SQL files in "
            "the plan's directory or below it");
  EXPECT_TRUE(files.asked.empty());
}

TEST(PlanLoader, ContainedRelativePaths) {
  for (const char* good : {"a.sql", "./a.sql", "m/001.sql", "m/../a.sql", "m//n/./a.sql", "..a.sql", "a/..b"}) {
    EXPECT_TRUE(is_contained_relative_path(good)) << good;
  }
  for (const char* bad : {"", "/a.sql", "..", "../a.sql", "m/../../a.sql", "./../a.sql", "m/n/../../../a"}) {
    EXPECT_FALSE(is_contained_relative_path(bad)) << bad;
  }
}

TEST(PlanLoader, AnUnreadableStepFileNamesTheStepAndThePath) {
  test::TempDir dir{"plan"};
  write_file(dir.path() / "plan.yaml",
             "migration: {id: m}\ncluster: app\nphase: expand\nsteps:\n  - sql: a.sql\n  - sql: missing.sql\n"
             "  - sql: sub\n");
  write_file(dir.path() / "a.sql", "SELECT 1;");
  std::filesystem::create_directories(dir.path() / "sub");
  const std::string plan_file = (dir.path() / "plan.yaml").string();
  const auto result = load_plan_file(plan_file);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(result.error().message,
            plan_file + ":6: 'steps[1].sql': cannot read 'missing.sql': " + (dir.path() / "missing.sql").string() +
                ": No such file or directory\n" + plan_file +
                ":7: 'steps[2].sql': cannot read 'sub': " + (dir.path() / "sub").string() + ": it is a directory");
}

TEST(PlanLoader, AMissingPlanFileIsAnError) {
  const auto result = load_plan_file("/nonexistent/plan.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(result.error().message, "cannot read plan file '/nonexistent/plan.yaml': No such file or directory");
}

TEST(PlanLoader, YamlSyntaxErrorsGiveLineAndColumn) {
  EXPECT_EQ(errors_of("migration:\n  id: m\ncluster: [app\nphase: expand\n"),
            "plan.yaml:4: invalid YAML at column 6: end of sequence flow not found");
  EXPECT_EQ(errors_of("migration: {id: m}\n  cluster: app\n"),
            "plan.yaml:2: invalid YAML at column 3: end of map not found");
}

TEST(PlanLoader, EmptyOrNonMapDocuments) {
  EXPECT_EQ(errors_of(""),
            "plan.yaml: holds no plan; it needs at least 'migration.id', 'cluster' and 'phase' (see docs/plan.md)");
  EXPECT_EQ(errors_of("- a\n- b\n"),
            "plan.yaml:1: the top level must be a map of keys (migration, cluster, phase, rollback_window, session, "
            "steps, command, commit, break_glass, slo, flag, ladder), got a list");
}

}  // namespace
}  // namespace ckpt
