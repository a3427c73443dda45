#include "cli/options_catalog.hpp"

#include <algorithm>
#include <array>
#include <boost/program_options/cmdline.hpp>
#include <sstream>

#include "codec/enum_names.hpp"

namespace ckpt::cli {
namespace {

namespace po = boost::program_options;

using std::string_view_literals::operator""sv;

std::string with_short(const char* long_name, char short_name) {
  return std::string{long_name} + ',' + short_name;
}

po::typed_value<std::string>* text(const char* value_name) {
  return po::value<std::string>()->value_name(value_name);
}

void add_begin_options(po::options_description& options) {
  options.add_options()
      (option::cluster, text("NAME")->required(), "cluster to checkpoint (required)")
      (option::migration_id, text("ID")->required(), "id of the migration this checkpoint protects (required)")
      (option::purpose, text("TEXT"), "what the migration does, for people reading the record")
      (option::phase, text("expand|contract"), "expand (additive, the default) or contract (destructive)")
      (option::window, text("DURATION"), "rollback window, e.g. 24h; without it the daemon refuses")
      (option::owner, text("NAME"), "who owns the rollback window; without it the daemon refuses")
      (option::approver, text("NAME"), "who approved the rollback window; without it the daemon refuses")
      (option::idempotency_key, text("KEY"), "a retry with the same key returns the same checkpoint")
      (option::no_wait, po::bool_switch(), "return once the checkpoint is created, without waiting for ready")
      (option::wait_timeout, text("DURATION"), "how long to wait for ready (default 35m)");
}

void add_no_options(po::options_description&) {}

void add_fail_options(po::options_description& options) {
  options.add_options()
      (option::reason, text("TEXT")->required(), "why the migration failed (required)")
      (option::wait, po::bool_switch(), "when the cluster restores automatically, wait for the restore")
      (option::wait_timeout, text("DURATION"), "how long --wait waits for the restore (default 2h)");
}

void add_abort_options(po::options_description& options) {
  options.add_options()(option::reason, text("TEXT"), "why the migration will not run");
}

void add_restore_options(po::options_description& options) {
  options.add_options()
      (option::dry_run, po::bool_switch(), "print the restore plan and change nothing")
      (option::cutover, po::bool_switch(), "swap the restored database into place once verified")
      (option::wait, po::bool_switch(), "wait until the restore is verified or failed")
      (option::wait_timeout, text("DURATION"), "how long --wait waits for the restore (default 2h)");
}

void add_status_options(po::options_description& options) {
  options.add_options()
      (option::watch, po::bool_switch(), "follow a running backup or restore until it ends, then print the summary")
      (option::wait_timeout, text("DURATION"), "how long --watch follows at most (default 2h)");
}

void add_list_options(po::options_description& options) {
  options.add_options()
      (option::cluster, text("NAME"), "only checkpoints of this cluster")
      (option::state, text("STATE"), "only checkpoints in this state");
}

void add_run_options(po::options_description& options) {
  options.add_options()
      (option::plan, text("FILE")->required(), "the migration plan (YAML) to run (required)")
      (option::dry_run, po::bool_switch(), "print the plan and what would happen; send nothing")
      (option::wait_timeout, text("DURATION"),
       "deadline of each wait: ready, the daemon's SQL steps, a restore (default 2h)");
}

void add_promote_options(po::options_description& options) {
  options.add_options()(option::by, text("NAME"), "who promotes the paused watch (default: $USER)");
}

void add_approve_options(po::options_description& options) {
  options.add_options()
      (option::by, text("NAME"), "the rollback window's approver (default: $USER)")
      (option::note, text("TEXT"), "what was reviewed, for the timeline and the evidence");
}

void add_go_no_go_options(po::options_description& options) {
  options.add_options()
      (option::cluster, text("NAME")->required(), "the cluster (required)")
      (option::migration_id, text("ID")->required(), "the expand migration the contract step follows (required)");
}

void add_flag_options(po::options_description& options) {
  options.add_options()
      (option::scope, text("SCOPE"), "only this scope of the plan's flag (default: every scope)")
      (option::by, text("NAME"), "who changes the flag (default: $USER)")
      (option::note, text("TEXT"), "why, for the timeline and the evidence");
}

void add_drill_options(po::options_description& options) {
  options.add_options()
      (option::cluster, text("NAME")->required(), "the cluster to drill (required)")
      (option::keep, po::bool_switch(), "keep the scratch target after the drill (default: removed once verified)")
      (option::by, text("NAME"), "who asks for the drill (default: $USER)")
      (option::no_wait, po::bool_switch(), "return once the drill has begun, without following it")
      (option::wait_timeout, text("DURATION"), "how long to follow the drill (default 2h)");
}

constexpr std::array kVerbs{
    VerbSpec{Verb::begin, "begin"sv,
             "begin --cluster C --migration-id M --window 24h --owner O --approver A [options]"sv,
             "take a checkpoint before a migration and wait until it is ready"sv, Positional::none, Prints::checkpoints,
             add_begin_options},
    VerbSpec{Verb::commit, "commit"sv, "commit ID"sv, "declare the migration good"sv, Positional::checkpoint_id,
             Prints::checkpoints, add_no_options},
    VerbSpec{Verb::fail, "fail"sv, "fail ID --reason TEXT [--wait [--wait-timeout 2h]]"sv,
             "declare the migration failed (the cluster may restore automatically)"sv, Positional::checkpoint_id,
             Prints::checkpoints, add_fail_options},
    VerbSpec{Verb::abort, "abort"sv, "abort ID [--reason TEXT]"sv,
             "give up a checkpoint whose migration will not run"sv, Positional::checkpoint_id, Prints::checkpoints,
             add_abort_options},
    VerbSpec{Verb::restore, "restore"sv, "restore ID [--dry-run] [--cutover] [--wait [--wait-timeout 2h]]"sv,
             "restore the database to a checkpoint into a new target (preview with --dry-run)"sv,
             Positional::checkpoint_id, Prints::checkpoints, add_restore_options},
    VerbSpec{Verb::status, "status"sv, "status ID [--watch]"sv,
             "show one checkpoint (--watch follows a backup or restore)"sv, Positional::checkpoint_id,
             Prints::checkpoints, add_status_options},
    VerbSpec{Verb::list, "list"sv, "list [--cluster C] [--state S]"sv, "list checkpoints"sv, Positional::none,
             Prints::checkpoints, add_list_options},
    VerbSpec{Verb::events, "events"sv, "events ID"sv, "show a checkpoint's timeline"sv, Positional::checkpoint_id,
             Prints::records, add_no_options},
    VerbSpec{Verb::plan_check, "plan check"sv, "plan check FILE"sv,
             "check a migration plan and classify its SQL, offline (for CI)"sv, Positional::plan_file, Prints::records,
             add_no_options},
    VerbSpec{Verb::run, "run"sv, "run --plan FILE [--dry-run] [--wait-timeout 2h] [-- CMD ARGS...]"sv,
             "checkpoint, migrate (the plan's SQL or CMD), then commit or fail, in one guarded run"sv, Positional::none,
             Prints::checkpoints, add_run_options, true},
    VerbSpec{Verb::promote, "promote"sv, "promote ID [--by NAME]"sv,
             "treat a paused SLO watch as passed (commits when the plan's commit is automatic)"sv,
             Positional::checkpoint_id, Prints::checkpoints, add_promote_options},
    VerbSpec{Verb::flag, "flag"sv, "flag ID on|off [--scope S] [--by NAME] [--note TEXT]"sv,
             "turn the plan's feature flag on or off, with health checks after it"sv,
             Positional::checkpoint_id_and_switch, Prints::checkpoints, add_flag_options},
    VerbSpec{Verb::approve, "approve"sv, "approve ID [--by NAME] [--note TEXT]"sv,
             "record the rollback window's approver's explicit approval"sv, Positional::checkpoint_id,
             Prints::checkpoints, add_approve_options},
    VerbSpec{Verb::go_no_go, "go-no-go"sv, "go-no-go --cluster C --migration-id M"sv,
             "the contract step's checklist from recorded evidence: exit 0 go, 3 no-go"sv, Positional::none,
             Prints::records, add_go_no_go_options},
    VerbSpec{Verb::evidence, "evidence"sv, "evidence ID [-o md|json|yaml]"sv,
             "the checkpoint's evidence package: Markdown for people (the default) or sealed JSON"sv,
             Positional::checkpoint_id, Prints::evidence, add_no_options},
    VerbSpec{Verb::evidence_verify, "evidence verify"sv, "evidence verify FILE"sv,
             "check a saved JSON evidence package's sha256: exit 0 intact, 4 edited"sv, Positional::evidence_file,
             Prints::records, add_no_options},
    VerbSpec{Verb::drill, "drill"sv, "drill --cluster C [--keep] [--by NAME] [--no-wait] [--wait-timeout 2h]"sv,
             "restore drill: checkpoint, restore into a scratch target, verify, measure, remove it"sv, Positional::none,
             Prints::checkpoints, add_drill_options},
    VerbSpec{Verb::completion, "completion"sv, "completion bash|zsh"sv,
             "print the shell completion script for bash or zsh"sv, Positional::shell, Prints::text, add_no_options},
    VerbSpec{Verb::man, "man"sv, "man"sv, "print this manual page (roff)"sv, Positional::none, Prints::text,
             add_no_options},
};

constexpr std::array<std::pair<OutputFormat, std::string_view>, 5> kOutputFormatNames{{
    {OutputFormat::table, "table"},
    {OutputFormat::json, "json"},
    {OutputFormat::yaml, "yaml"},
    {OutputFormat::markdown, "md"},
    {OutputFormat::name, "name"},
}};

constexpr std::array<std::pair<Shell, std::string_view>, 2> kShellNames{{{Shell::bash, "bash"}, {Shell::zsh, "zsh"}}};

// "a, b, c" (codec's enum name lists) as words.
std::vector<std::string> split_names(const std::string& names) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < names.size()) {
    const std::size_t comma = std::min(names.find(", ", start), names.size());
    words.emplace_back(names.substr(start, comma - start));
    start = comma + 2;
  }
  return words;
}

// Width of the verb column in the general help.
constexpr std::size_t kVerbColumn = 17;

constexpr std::string_view kExitCodeSummary =
    "Exit codes: 0 ok, 1 internal, 2 usage or bad request, 3 refused, 4 failed, 5 not found,\n"
    "6 unreachable or unavailable, 7 conflict, 8 unauthorized (docs/cli.md has the table).\n";

}  // namespace

std::span<const VerbSpec> verb_specs() { return kVerbs; }

const VerbSpec* find_verb(std::string_view name) {
  for (const auto& spec : kVerbs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string_view to_string(Verb verb) {
  for (const auto& spec : kVerbs) {
    if (spec.verb == verb) return spec.name;
  }
  return "unknown";
}

std::string verb_names() {
  std::string names;
  for (const auto& spec : kVerbs) {
    if (!names.empty()) names += ", ";
    names += spec.name;
  }
  return names;
}

std::vector<std::string> verb_first_words() {
  std::vector<std::string> words;
  for (const auto& spec : kVerbs) {
    std::string word{spec.name.substr(0, spec.name.find(' '))};
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
  }
  return words;
}

std::string_view to_string(OutputFormat format) {
  for (const auto& [known, name] : kOutputFormatNames) {
    if (known == format) return name;
  }
  return "unknown";
}

std::optional<OutputFormat> output_format_from(std::string_view name) {
  for (const auto& [format, known] : kOutputFormatNames) {
    if (known == name) return format;
  }
  return std::nullopt;
}

std::vector<OutputFormat> output_formats(const VerbSpec& spec) {
  switch (spec.prints) {
    case Prints::checkpoints:
      return {OutputFormat::table, OutputFormat::json, OutputFormat::yaml, OutputFormat::name};
    case Prints::records:
      return {OutputFormat::table, OutputFormat::json, OutputFormat::yaml};
    case Prints::evidence:
      return {OutputFormat::table, OutputFormat::json, OutputFormat::yaml, OutputFormat::markdown};
    case Prints::text:
      return {OutputFormat::table};
  }
  return {};
}

bool accepts_output(const VerbSpec& spec, OutputFormat format) {
  const auto accepted = output_formats(spec);
  return std::find(accepted.begin(), accepted.end(), format) != accepted.end();
}

std::string_view to_string(Shell shell) {
  for (const auto& [known, name] : kShellNames) {
    if (known == shell) return name;
  }
  return "unknown";
}

std::optional<Shell> shell_from(std::string_view name) {
  for (const auto& [shell, known] : kShellNames) {
    if (known == name) return shell;
  }
  return std::nullopt;
}

std::vector<std::string> option_choices(const VerbSpec* spec, std::string_view long_name) {
  std::vector<std::string> choices;
  if (long_name == option::output) {
    for (const auto& [format, name] : kOutputFormatNames) {
      if (spec == nullptr || accepts_output(*spec, format)) choices.emplace_back(name);
    }
  } else if (long_name == option::phase) {
    choices = split_names(codec::migration_phase_names());
  } else if (long_name == option::state) {
    choices = split_names(codec::checkpoint_state_names());
  }
  return choices;
}

std::vector<std::string> positional_choices(const VerbSpec& spec, std::size_t index) {
  if (spec.positional == Positional::checkpoint_id_and_switch && index == 1) {
    return {std::string{kSwitchOn}, std::string{kSwitchOff}};
  }
  std::vector<std::string> choices;
  if (spec.positional == Positional::shell && index == 0) {
    for (const auto& [shell, name] : kShellNames) choices.emplace_back(name);
  }
  return choices;
}

po::options_description global_options() {
  po::options_description options("Global options (before or after the command)");
  options.add_options()
      (option::socket, text("PATH"),
       "daemon's Unix socket (env CHECKPOINTD_SOCKET, default /run/checkpointd/checkpointd.sock)")
      (option::addr, text("URL"),
       "daemon's TCP address, e.g. https://host:9187; wins over the socket (env CHECKPOINTD_ADDR)")
      (option::token_file, text("PATH"),
       "file holding the bearer token, required with --addr (env CHECKPOINTD_TOKEN_FILE)")
      (option::ca_file, text("PATH"), "CA certificate to verify the daemon's TLS certificate")
      (option::insecure_skip_tls_verify, po::bool_switch(), "do not verify the daemon's TLS certificate (unsafe)")
      (with_short(option::output, 'o').c_str(), text("table|json|yaml|md|name"),
       "output format (default table; md is evidence's own default; name prints checkpoint ids only)")
      (option::timeout, text("DURATION"), "deadline of each request to the daemon (default 30s)")
      (with_short(option::help, 'h').c_str(), po::bool_switch(), "show help")
      (option::version, po::bool_switch(), "show the version");
  return options;
}

std::vector<std::string> option_spellings(const po::option_description& option) {
  std::vector<std::string> names;
  const std::string short_name = option.canonical_display_name(po::command_line_style::allow_dash_for_short);
  if (short_name.size() == 2 && short_name.front() == '-') names.push_back(short_name);
  names.push_back("--" + option.long_name());
  return names;
}

po::options_description verb_options(const VerbSpec& spec) {
  po::options_description options("Options of " + std::string{spec.name});
  spec.add_options(options);
  return options;
}

std::string general_help() {
  std::ostringstream out;
  out << "checkpointctl: the client of checkpointd (rollback-safe PostgreSQL migrations)\n\n"
      << "Usage: checkpointctl [global options] COMMAND [command options]\n\nCommands:\n";
  for (const auto& spec : kVerbs) {
    out << "  " << spec.name << std::string(kVerbColumn - spec.name.size(), ' ') << spec.summary << '\n';
  }
  out << '\n' << global_options() << "\nRun 'checkpointctl COMMAND --help' for the options of a command.\n"
      << kExitCodeSummary;
  return out.str();
}

std::string verb_help(const VerbSpec& spec) {
  std::ostringstream out;
  out << "Usage: checkpointctl " << spec.usage << "\n\n" << spec.summary << "\n\n";
  const auto own = verb_options(spec);
  if (!own.options().empty()) out << own << '\n';
  out << global_options() << '\n' << kExitCodeSummary;
  return out.str();
}

bool needs_daemon(const Command& command) {
  return command.verb != Verb::plan_check && command.verb != Verb::evidence_verify &&
         command.verb != Verb::completion && command.verb != Verb::man &&
         !(command.verb == Verb::run && command.dry_run);
}

std::string version_text() { return "checkpointctl " CHECKPOINTD_VERSION "\n"; }

}  // namespace ckpt::cli
