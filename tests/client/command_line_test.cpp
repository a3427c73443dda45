// parse_command_line: every verb, global options on either side of the verb,
// environment fallbacks, and the exact usage-error messages.
#include "cli/command_line.hpp"
#include "client/parse_helpers.hpp"

#include <gtest/gtest.h>

#include <map>

namespace ckpt::cli {
namespace {

using namespace std::chrono_literals;

using testing::command_of;
using testing::Environment;
using testing::parse;
using testing::usage_error_of;

std::string information_of(const std::vector<std::string>& args) {
  auto parsed = parse(args);
  if (!parsed) {
    ADD_FAILURE() << "unexpected error: " << parsed.error().message;
    return {};
  }
  const auto* information = std::get_if<InformationRequest>(&*parsed);
  if (information == nullptr) {
    ADD_FAILURE() << "expected help or version text";
    return {};
  }
  return information->text;
}

const std::vector<std::string> kFullBegin{
    "begin", "--cluster", "main", "--migration-id", "m-42", "--purpose", "add orders.note", "--phase", "contract",
    "--window", "24h", "--owner", "alice", "--approver", "bob", "--idempotency-key", "job-7", "--wait-timeout", "10m"};

TEST(CommandLine, BeginReadsEveryOption) {
  const Command command = command_of(kFullBegin);
  EXPECT_EQ(command.verb, Verb::begin);
  EXPECT_EQ(command.begin.cluster, "main");
  EXPECT_EQ(command.begin.migration_id, "m-42");
  EXPECT_EQ(command.begin.purpose, "add orders.note");
  EXPECT_EQ(command.begin.phase, MigrationPhase::contract);
  EXPECT_EQ(command.begin.window.duration, 24h);
  EXPECT_EQ(command.begin.window.owner, "alice");
  EXPECT_EQ(command.begin.window.approver, "bob");
  EXPECT_EQ(command.begin.idempotency_key, "job-7");
  EXPECT_EQ(command.wait_timeout, 10min);
  EXPECT_FALSE(command.no_wait);
}

TEST(CommandLine, BeginDefaults) {
  const Command command = command_of({"begin", "--cluster", "main", "--migration-id", "m-42", "--no-wait"});
  EXPECT_EQ(command.begin.phase, MigrationPhase::expand);
  EXPECT_EQ(command.wait_timeout, kDefaultBeginWaitTimeout);
  EXPECT_TRUE(command.no_wait);
  EXPECT_EQ(command.output, OutputFormat::table);
  EXPECT_EQ(command.connection.socket_path, kDefaultSocketPath);
  EXPECT_EQ(command.connection.address, "");
  EXPECT_EQ(command.connection.request_timeout, 30s);
}

TEST(CommandLine, BeginWithoutWindowOwnerApproverIsSentForTheDaemonToRefuse) {
  const Command command = command_of({"begin", "--cluster", "main", "--migration-id", "m-42"});
  EXPECT_EQ(command.begin.window.duration, 0ms);
  EXPECT_EQ(command.begin.window.owner, "");
  EXPECT_EQ(command.begin.window.approver, "");
}

TEST(CommandLine, BeginNeedsClusterAndMigrationId) {
  EXPECT_EQ(usage_error_of({"begin", "--migration-id", "m-42"}),
            "missing required option '--cluster' (see 'checkpointctl begin --help')");
  EXPECT_EQ(usage_error_of({"begin", "--cluster", "main"}),
            "missing required option '--migration-id' (see 'checkpointctl begin --help')");
}

TEST(CommandLine, BeginRejectsBadPhaseWindowAndWaitTimeout) {
  EXPECT_EQ(usage_error_of({"begin", "--cluster", "main", "--migration-id", "m", "--phase", "sideways"}),
            "--phase: 'sideways' is not a migration phase; use one of: expand, contract "
            "(see 'checkpointctl begin --help')");
  EXPECT_EQ(usage_error_of({"begin", "--cluster", "main", "--migration-id", "m", "--window", "24x"}),
            "--window: '24x' is not a duration; write it like 24h, 90m or 1h30m (see 'checkpointctl begin --help')");
  EXPECT_EQ(usage_error_of({"begin", "--cluster", "main", "--migration-id", "m", "--wait-timeout", "0s"}),
            "--wait-timeout: '0s' is not a positive duration; write it like 35m or 2h "
            "(see 'checkpointctl begin --help')");
}

TEST(CommandLine, GlobalOptionsGoBeforeOrAfterTheVerb) {
  const Command before = command_of({"--socket", "/tmp/a.sock", "-o", "json", "--timeout", "5s", "commit", "ck-1"});
  const Command after = command_of({"commit", "ck-1", "--socket", "/tmp/a.sock", "-o", "json", "--timeout", "5s"});
  for (const Command& command : {before, after}) {
    EXPECT_EQ(command.verb, Verb::commit);
    EXPECT_EQ(command.checkpoint_id, "ck-1");
    EXPECT_EQ(command.connection.socket_path, "/tmp/a.sock");
    EXPECT_EQ(command.output, OutputFormat::json);
    EXPECT_EQ(command.connection.request_timeout, 5s);
  }
}

TEST(CommandLine, OutputFormatSpellings) {
  EXPECT_EQ(command_of({"-ojson", "list"}).output, OutputFormat::json);
  EXPECT_EQ(command_of({"list", "--output=yaml"}).output, OutputFormat::yaml);
  EXPECT_EQ(command_of({"list", "-o", "table"}).output, OutputFormat::table);
  EXPECT_EQ(usage_error_of({"list", "-o", "xml"}),
            "-o: 'xml' is not an output format; use table, json, yaml, md or name (see 'checkpointctl list --help')");
}

TEST(CommandLine, TimeoutMustBeAPositiveDuration) {
  EXPECT_EQ(usage_error_of({"list", "--timeout", "soon"}),
            "--timeout: 'soon' is not a positive duration; write it like 30s, 2m or 1m30s "
            "(see 'checkpointctl list --help')");
}

TEST(CommandLine, VerbsWithACheckpointId) {
  EXPECT_EQ(command_of({"commit", "ck-1"}).verb, Verb::commit);
  EXPECT_EQ(command_of({"events", "ck-1"}).verb, Verb::events);
  EXPECT_EQ(command_of({"events", "ck-1"}).checkpoint_id, "ck-1");
  EXPECT_EQ(usage_error_of({"commit"}), "commit needs a checkpoint ID (see 'checkpointctl commit --help')");
  EXPECT_EQ(usage_error_of({"status", "ck-1", "ck-2"}),
            "unexpected argument 'ck-2': status takes exactly one checkpoint ID (see 'checkpointctl status --help')");
}

TEST(CommandLine, Fail) {
  const Command command = command_of({"fail", "ck-1", "--reason", "smoke test red", "--wait", "--wait-timeout", "1h"});
  EXPECT_EQ(command.verb, Verb::fail);
  EXPECT_EQ(command.reason, "smoke test red");
  EXPECT_TRUE(command.wait);
  EXPECT_EQ(command.wait_timeout, 1h);
  EXPECT_EQ(command_of({"fail", "ck-1", "--reason", "x"}).wait_timeout, kDefaultRestoreWaitTimeout);
  EXPECT_EQ(usage_error_of({"fail", "ck-1"}), "missing required option '--reason' (see 'checkpointctl fail --help')");
}

TEST(CommandLine, AbortReasonIsOptional) {
  EXPECT_EQ(command_of({"abort", "ck-1"}).reason, "");
  EXPECT_EQ(command_of({"abort", "ck-1", "--reason", "window moved"}).reason, "window moved");
}

TEST(CommandLine, Restore) {
  const Command preview = command_of({"restore", "ck-1", "--dry-run", "--cutover"});
  EXPECT_EQ(preview.verb, Verb::restore);
  EXPECT_TRUE(preview.dry_run);
  EXPECT_TRUE(preview.cutover);
  EXPECT_FALSE(preview.wait);
  EXPECT_TRUE(command_of({"restore", "ck-1", "--wait"}).wait);
  EXPECT_EQ(usage_error_of({"restore", "ck-1", "--dry-run", "--wait"}),
            "--dry-run and --wait cannot be combined: a dry run restores nothing to wait for "
            "(see 'checkpointctl restore --help')");
}

TEST(CommandLine, StatusWatch) {
  EXPECT_FALSE(command_of({"status", "ck-1"}).watch);
  EXPECT_TRUE(command_of({"status", "--watch", "ck-1"}).watch);
}

TEST(CommandLine, ListFilters) {
  const Command command = command_of({"list", "--cluster", "main", "--state", "restore_failed"});
  EXPECT_EQ(command.list.cluster, "main");
  EXPECT_EQ(command.list.state, CheckpointState::restore_failed);
  EXPECT_FALSE(command_of({"list"}).list.state.has_value());
  EXPECT_EQ(usage_error_of({"list", "--state", "bogus"}),
            "--state: 'bogus' is not a checkpoint state; use one of: backing_up, ready, migrating, watching, "
            "committed, closed, refused, failed, restoring, restored, restore_failed, aborted "
            "(see 'checkpointctl list --help')");
  EXPECT_EQ(usage_error_of({"list", "main"}),
            "unexpected argument 'main': list takes no positional arguments (see 'checkpointctl list --help')");
}

TEST(CommandLine, FlagTakesAnIdAndOnOrOffAndRecordsWhoActs) {
  const Command on = command_of({"flag", "ck-1", "on", "--scope", "develop", "--by", "alice", "--note", "step 4"});
  EXPECT_EQ(on.verb, Verb::flag);
  EXPECT_EQ(on.checkpoint_id, "ck-1");
  EXPECT_TRUE(on.flag_on);
  EXPECT_EQ(on.scope, "develop");
  EXPECT_EQ(on.by, "alice");
  EXPECT_EQ(on.note, "step 4");
  const Command off = command_of({"flag", "ck-1", "off"}, {{"USER", "bob"}});
  EXPECT_FALSE(off.flag_on);
  EXPECT_EQ(off.scope, "");
  EXPECT_EQ(off.by, "bob") << "the login name when --by is not given";
  EXPECT_EQ(usage_error_of({"flag", "ck-1", "sideways"}),
            "flag needs a checkpoint ID and on or off, e.g. `flag ck-1 off` (see 'checkpointctl flag --help')");
  EXPECT_EQ(usage_error_of({"flag", "ck-1"}),
            "flag needs a checkpoint ID and on or off, e.g. `flag ck-1 off` (see 'checkpointctl flag --help')");
  EXPECT_EQ(usage_error_of({"flag", "ck-1", "on", "extra"}),
            "flag needs a checkpoint ID and on or off, e.g. `flag ck-1 off` (see 'checkpointctl flag --help')");
  EXPECT_EQ(usage_error_of({"flag", "ck-1", "on"}),
            "flag records who acts: pass --by NAME (see 'checkpointctl flag --help')");
}

TEST(CommandLine, PromoteNeedsAName) {
  EXPECT_EQ(command_of({"promote", "ck-1", "--by", "carol"}).by, "carol");
  EXPECT_EQ(command_of({"promote", "ck-1"}, {{"USER", "dave"}}).by, "dave");
  EXPECT_EQ(usage_error_of({"promote", "ck-1", "--by", "  "}),
            "promote records who acts: pass --by NAME (see 'checkpointctl promote --help')");
  EXPECT_EQ(usage_error_of({"promote", "ck-1", "--scope", "develop", "--by", "x"}),
            "unknown option '--scope' (see 'checkpointctl promote --help')");
}

TEST(CommandLine, DrillNeedsTheClusterAndRecordsWhoAsked) {
  const Command command = command_of({"drill", "--cluster", "app", "--keep"}, {{"USER", "dave"}});
  EXPECT_EQ(command.verb, Verb::drill);
  EXPECT_EQ(command.drill_cluster, "app");
  EXPECT_TRUE(command.keep);
  EXPECT_EQ(command.by, "dave");
  EXPECT_FALSE(command_of({"drill", "--cluster", "app", "--by", "carol"}).keep);
  EXPECT_EQ(command_of({"drill", "--cluster", "app", "--by", "carol"}).by, "carol");
  EXPECT_EQ(usage_error_of({"drill", "--by", "carol"}),
            "missing required option '--cluster' (see 'checkpointctl drill --help')");
  EXPECT_EQ(usage_error_of({"drill", "--cluster", "app", "--by", " "}),
            "drill records who acts: pass --by NAME (see 'checkpointctl drill --help')");
}

TEST(CommandLine, GoNoGoNeedsTheClusterAndTheExpandMigration) {
  const Command command = command_of({"go-no-go", "--cluster", "app", "--migration-id", "2026_12_06_login_v2"});
  EXPECT_EQ(command.verb, Verb::go_no_go);
  EXPECT_EQ(command.gate_cluster, "app");
  EXPECT_EQ(command.gate_migration_id, "2026_12_06_login_v2");
  EXPECT_NE(usage_error_of({"go-no-go", "--cluster", "app"}).find("migration-id"), std::string::npos);
  const Command approve = command_of({"approve", "ck-1", "--by", "bob", "--note", "reviewed"});
  EXPECT_EQ(approve.verb, Verb::approve);
  EXPECT_EQ(approve.by, "bob");
  EXPECT_EQ(approve.note, "reviewed");
}

TEST(CommandLine, UnknownVerbListsTheVerbs) {
  EXPECT_EQ(usage_error_of({"frobnicate", "ck-1"}),
            "unknown command 'frobnicate'; commands are begin, commit, fail, abort, restore, status, list, events, "
            "plan check, run, promote, flag, approve, go-no-go, evidence, evidence verify, drill, completion, man "
            "(see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({}),
            "no command given; commands are begin, commit, fail, abort, restore, status, list, events, plan check, "
            "run, promote, flag, approve, go-no-go, evidence, evidence verify, drill, completion, man "
            "(see 'checkpointctl --help')");
}

TEST(CommandLine, OptionErrorsNameTheOption) {
  EXPECT_EQ(usage_error_of({"commit", "ck-1", "--frob"}), "unknown option '--frob' (see 'checkpointctl commit --help')");
  EXPECT_EQ(usage_error_of({"--frob", "commit", "ck-1"}), "unknown option '--frob' (see 'checkpointctl commit --help')");
  EXPECT_EQ(usage_error_of({"--frob"}), "unknown option '--frob' (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"begin", "--migration-id", "m", "--cluster"}),
            "option '--cluster' needs a value (see 'checkpointctl begin --help')");
  EXPECT_EQ(usage_error_of({"commit", "ck-1", "--timeout", "1s", "--timeout", "2s"}),
            "option '--timeout' was given more than once (see 'checkpointctl commit --help')");
  // An option of another verb is unknown here.
  EXPECT_EQ(usage_error_of({"commit", "ck-1", "--watch"}), "unknown option '--watch' (see 'checkpointctl commit --help')");
}

TEST(CommandLine, LongOptionPrefixesAreNotGuessed) {
  EXPECT_EQ(usage_error_of({"begin", "--clus", "main", "--migration-id", "m"}),
            "unknown option '--clus' (see 'checkpointctl begin --help')");
}

TEST(CommandLine, HelpAndVersion) {
  const std::string general = information_of({"--help"});
  EXPECT_NE(general.find("Usage: checkpointctl [global options] COMMAND"), std::string::npos);
  for (const char* verb :
       {"begin", "commit", "fail", "abort", "restore", "status", "list", "events", "plan check", "run"}) {
    EXPECT_NE(general.find(std::string{"  "} + verb), std::string::npos) << verb;
  }
  EXPECT_EQ(information_of({"-h"}), general);

  const std::string begin = information_of({"begin", "--help"});
  EXPECT_NE(begin.find("Usage: checkpointctl begin --cluster C"), std::string::npos);
  EXPECT_NE(begin.find("--idempotency-key"), std::string::npos);
  EXPECT_NE(begin.find("--socket"), std::string::npos);
  // Help wins over missing required options and ids.
  EXPECT_NE(information_of({"fail", "-h"}).find("--reason"), std::string::npos);

  EXPECT_EQ(information_of({"--version"}), "checkpointctl " CHECKPOINTD_VERSION "\n");
}

TEST(CommandLine, CompletionTakesOneShellAndManNothing) {
  const Command bash = command_of({"completion", "bash"});
  EXPECT_EQ(bash.verb, Verb::completion);
  EXPECT_EQ(bash.shell, Shell::bash);
  EXPECT_FALSE(needs_daemon(bash));
  EXPECT_EQ(command_of({"completion", "zsh"}).shell, Shell::zsh);
  EXPECT_EQ(usage_error_of({"completion", "fish"}),
            "completion needs one shell: bash or zsh (see 'checkpointctl completion --help')");
  EXPECT_EQ(usage_error_of({"completion"}),
            "completion needs one shell: bash or zsh (see 'checkpointctl completion --help')");
  const Command man = command_of({"man"});
  EXPECT_EQ(man.verb, Verb::man);
  EXPECT_FALSE(needs_daemon(man));
  EXPECT_EQ(usage_error_of({"man", "-o", "json"}),
            "-o json: man prints text only; leave out -o (see 'checkpointctl man --help')");
}

TEST(CommandLine, PlanCheckTakesOneFile) {
  const Command command = command_of({"plan", "check", "plans/add_phone.yaml", "-o", "json"});
  EXPECT_EQ(command.verb, Verb::plan_check);
  EXPECT_EQ(command.plan_file, "plans/add_phone.yaml");
  EXPECT_EQ(command.output, OutputFormat::json);
  EXPECT_FALSE(needs_daemon(command));
  EXPECT_EQ(usage_error_of({"plan", "check"}), "plan check needs a plan FILE (see 'checkpointctl plan check --help')");
  EXPECT_EQ(usage_error_of({"plan", "check", "a.yaml", "b.yaml"}),
            "unexpected argument 'b.yaml': plan check takes exactly one plan FILE "
            "(see 'checkpointctl plan check --help')");
  EXPECT_EQ(usage_error_of({"plan", "check", "a.yaml", "--dry-run"}),
            "unknown option '--dry-run' (see 'checkpointctl plan check --help')");
  EXPECT_EQ(usage_error_of({"plan", "lint", "a.yaml"}),
            "'plan' needs a subcommand, not 'lint'; use 'plan check FILE' (see 'checkpointctl --help')");
  EXPECT_EQ(usage_error_of({"plan"}),
            "'plan' needs a subcommand, not nothing; use 'plan check FILE' (see 'checkpointctl --help')");
  EXPECT_NE(information_of({"plan", "check", "--help"}).find("Usage: checkpointctl plan check FILE"),
            std::string::npos);
}

TEST(CommandLine, PlanCheckNeedsNoConnection) {
  // An address without a token file is a usage error only for commands that talk to the daemon.
  const Command command = command_of({"plan", "check", "p.yaml"}, {{"CHECKPOINTD_ADDR", "https://db1:9187"}});
  EXPECT_EQ(command.connection.address, "https://db1:9187");
  EXPECT_TRUE(command_of({"run", "--plan", "p.yaml", "--dry-run", "--addr", "https://db1:9187"}).dry_run);
}

TEST(CommandLine, RunReadsThePlanAndTheCommandAfterDashDash) {
  const Command command =
      command_of({"run", "--plan", "p.yaml", "--wait-timeout", "45m", "--", "./migrate", "--to", "42", "-o", "json"});
  EXPECT_EQ(command.verb, Verb::run);
  EXPECT_EQ(command.plan_file, "p.yaml");
  EXPECT_EQ(command.wait_timeout, 45min);
  EXPECT_EQ(command.migration_command, (std::vector<std::string>{"./migrate", "--to", "42", "-o", "json"}));
  EXPECT_EQ(command.output, OutputFormat::table) << "options after -- belong to the command";
  EXPECT_FALSE(command.dry_run);
  EXPECT_TRUE(needs_daemon(command));

  const Command plain = command_of({"-o", "yaml", "run", "--plan", "p.yaml"});
  EXPECT_TRUE(plain.migration_command.empty());
  EXPECT_EQ(plain.wait_timeout, kDefaultRunWaitTimeout);
  EXPECT_EQ(plain.output, OutputFormat::yaml);
  EXPECT_TRUE(command_of({"run", "--dry-run", "--plan", "p.yaml"}).dry_run);
  EXPECT_FALSE(needs_daemon(command_of({"run", "--dry-run", "--plan", "p.yaml"})));
}

TEST(CommandLine, RunUsageErrors) {
  EXPECT_EQ(usage_error_of({"run", "--", "./migrate"}),
            "missing required option '--plan' (see 'checkpointctl run --help')");
  EXPECT_EQ(usage_error_of({"run", "--plan", "p.yaml", "--frob"}),
            "unknown option '--frob' (see 'checkpointctl run --help')");
  EXPECT_EQ(usage_error_of({"run", "--plan", "p.yaml", "--"}),
            "'--' must be followed by the command to run (see 'checkpointctl run --help')");
  EXPECT_EQ(usage_error_of({"run", "--plan", "p.yaml", "./migrate"}),
            "unexpected argument './migrate': run takes no positional arguments (see 'checkpointctl run --help')");
  EXPECT_EQ(
      usage_error_of({"run", "--plan", "p.yaml", "--wait-timeout", "soon"}),
      "--wait-timeout: 'soon' is not a positive duration; write it like 35m or 2h (see 'checkpointctl run --help')");
  EXPECT_EQ(usage_error_of({"run", "--plan", "p.yaml", "--addr", "https://db1:9187"}),
            "--addr https://db1:9187 needs a bearer token: pass --token-file PATH or set CHECKPOINTD_TOKEN_FILE "
            "(see 'checkpointctl run --help')");
}

TEST(CommandLine, DashDashKeepsItsMeaningForOtherVerbs) {
  EXPECT_EQ(command_of({"status", "--", "ck-1"}).checkpoint_id, "ck-1");
}

TEST(CommandLine, SocketFromEnvironmentUnlessGiven) {
  const Environment environment{{"CHECKPOINTD_SOCKET", "/env/d.sock"}};
  EXPECT_EQ(command_of({"list"}, environment).connection.socket_path, "/env/d.sock");
  EXPECT_EQ(command_of({"list", "--socket", "/cli/d.sock"}, environment).connection.socket_path, "/cli/d.sock");
}

TEST(CommandLine, AddressAndTokenFileFromEnvironment) {
  const Environment environment{{"CHECKPOINTD_ADDR", "https://db1:9187"},
                                {"CHECKPOINTD_TOKEN_FILE", "/env/token"},
                                {"CHECKPOINTD_SOCKET", "/env/d.sock"}};
  const Command command = command_of({"list"}, environment);
  EXPECT_EQ(command.connection.address, "https://db1:9187");
  EXPECT_EQ(command.connection.token_file, "/env/token");
  EXPECT_EQ(command_of({"list", "--token-file", "/cli/token"}, environment).connection.token_file, "/cli/token");
}

TEST(CommandLine, CommandLineBeatsEnvironmentAndAddressBeatsSocket) {
  const Environment environment{{"CHECKPOINTD_ADDR", "https://db1:9187"}, {"CHECKPOINTD_TOKEN_FILE", "/env/token"}};
  // An explicit --socket beats an address from the environment.
  EXPECT_EQ(command_of({"list", "--socket", "/cli/d.sock"}, environment).connection.address, "");
  // On the same level the address wins.
  const Command both = command_of({"list", "--socket", "/cli/d.sock", "--addr", "http://127.0.0.1:9", "--token-file", "/t"});
  EXPECT_EQ(both.connection.address, "http://127.0.0.1:9");
}

TEST(CommandLine, EmptyEnvironmentVariablesCountAsUnset) {
  const Environment environment{{"CHECKPOINTD_ADDR", ""}, {"CHECKPOINTD_SOCKET", ""}};
  const Command command = command_of({"list"}, environment);
  EXPECT_EQ(command.connection.address, "");
  EXPECT_EQ(command.connection.socket_path, kDefaultSocketPath);
}

TEST(CommandLine, AddressNeedsATokenFile) {
  EXPECT_EQ(usage_error_of({"list", "--addr", "https://db1:9187"}),
            "--addr https://db1:9187 needs a bearer token: pass --token-file PATH or set CHECKPOINTD_TOKEN_FILE "
            "(see 'checkpointctl list --help')");
  EXPECT_EQ(usage_error_of({"list"}, {{"CHECKPOINTD_ADDR", "https://db1:9187"}}),
            "--addr https://db1:9187 needs a bearer token: pass --token-file PATH or set CHECKPOINTD_TOKEN_FILE "
            "(see 'checkpointctl list --help')");
}

TEST(CommandLine, TlsOptions) {
  const Command command = command_of({"--addr", "https://db1:9187", "--token-file", "/t", "--ca-file", "/ca.pem",
                                      "--insecure-skip-tls-verify", "status", "ck-1"});
  EXPECT_EQ(command.connection.ca_file, "/ca.pem");
  EXPECT_TRUE(command.connection.insecure_skip_tls_verify);
  EXPECT_EQ(command.verb, Verb::status);
}

}  // namespace
}  // namespace ckpt::cli
