#include "cli/command_line.hpp"

#include <algorithm>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/variables_map.hpp>

#include "cli/options_catalog.hpp"
#include "cli/suggestion.hpp"
#include "codec/enum_names.hpp"

namespace ckpt::cli {
namespace {

namespace po = boost::program_options;

// Prefixes of long options are not guessed: "--clus" is an error, not "--cluster".
constexpr int kParserStyle = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

Error usage_error(const std::string& message, const VerbSpec* spec) {
  const std::string help = spec == nullptr ? "checkpointctl --help" : "checkpointctl " + std::string{spec->name} + " --help";
  return make_error(ErrorCode::bad_request, message + " (see '" + help + "')");
}

// "a, b or c"
std::string one_of(const std::vector<std::string>& words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? " or " : ", ";
    text += words[i];
  }
  return text;
}

// "--name" of every long option `accepted` knows, except the hidden ones.
std::vector<std::string> long_option_names(const po::options_description& accepted) {
  std::vector<std::string> names;
  for (const auto& option : accepted.options()) {
    if (option->long_name() != option::arguments) names.push_back("--" + option->long_name());
  }
  return names;
}

std::string describe(const po::error& error, const po::options_description& accepted) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&error)) {
    const std::string& typed = unknown->get_option_name();
    const std::string suggestion = typed.starts_with("--") ? did_you_mean(typed, long_option_names(accepted)) : "";
    return "unknown option '" + typed + "'" + suggestion;
  }
  if (const auto* required = dynamic_cast<const po::required_option*>(&error)) {
    return "missing required option '" + required->get_option_name() + "'";
  }
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&error)) {
    return "option '" + repeated->get_option_name() + "' was given more than once";
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&error);
      syntax != nullptr && syntax->kind() == po::invalid_syntax::missing_parameter) {
    return "option '" + syntax->get_option_name() + "' needs a value";
  }
  return error.what();
}

// Whether `token` is a global option whose value is the next argument ("--socket P", "-o json").
bool takes_separate_value(const std::string& token, const po::options_description& globals) {
  const po::option_description* found = nullptr;
  if (token.starts_with("--")) {
    if (token.find('=') != std::string::npos) return false;
    found = globals.find_nothrow(token.substr(2), false);
  } else if (token.size() == 2) {
    found = globals.find_nothrow(token, false);
  }
  return found != nullptr && found->semantic()->max_tokens() > 0;
}

// Index of the verb: the first argument that is neither a global option nor its value.
std::optional<std::size_t> find_verb_position(const std::vector<std::string>& args,
                                              const po::options_description& globals) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].size() < 2 || args[i].front() != '-') return i;
    if (takes_separate_value(args[i], globals)) ++i;
  }
  return std::nullopt;
}

std::optional<std::string> text_of(const po::variables_map& values, const char* name) {
  if (values.count(name) == 0) return std::nullopt;
  return values[name].as<std::string>();
}

bool flag(const po::variables_map& values, const char* name) {
  return values.count(name) != 0 && values[name].as<bool>();
}

Millis default_wait_timeout(Verb verb) {
  if (verb == Verb::begin) return kDefaultBeginWaitTimeout;
  if (verb == Verb::run) return kDefaultRunWaitTimeout;
  return kDefaultRestoreWaitTimeout;
}

class Reader {
 public:
  Reader(const VerbSpec& spec, const po::variables_map& values, const EnvironmentLookup& environment)
      : spec_(spec), values_(values), environment_(environment) {}

  Result<ParsedCommandLine> command(std::vector<std::string> migration_command) {
    Command command;
    command.verb = spec_.verb;
    command.migration_command = std::move(migration_command);
    command.reason = text_of(values_, option::reason).value_or("");
    command.wait = flag(values_, option::wait);
    command.dry_run = flag(values_, option::dry_run);
    command.cutover = flag(values_, option::cutover);
    command.watch = flag(values_, option::watch);
    command.no_wait = flag(values_, option::no_wait);
    command.plan_file = text_of(values_, option::plan).value_or("");
    if (auto error = read_connection(command.connection, needs_daemon(command))) return *error;
    if (auto error = read_output(command.output)) return *error;
    if (auto error = read_positionals(command)) return *error;
    if (spec_.verb == Verb::begin) {
      if (auto error = read_begin(command.begin)) return *error;
    }
    if (spec_.verb == Verb::list) {
      if (auto error = read_list_filter(command.list)) return *error;
    }
    if (spec_.verb == Verb::go_no_go) {
      command.gate_cluster = text_of(values_, option::cluster).value_or("");
      command.gate_migration_id = text_of(values_, option::migration_id).value_or("");
    }
    if (spec_.verb == Verb::drill) {
      command.drill_cluster = text_of(values_, option::cluster).value_or("");
      command.keep = flag(values_, option::keep);
    }
    if (spec_.verb == Verb::promote || spec_.verb == Verb::flag || spec_.verb == Verb::approve ||
        spec_.verb == Verb::drill) {
      if (auto error = read_actor(command.by)) return *error;
      command.scope = text_of(values_, option::scope).value_or("");
      command.note = text_of(values_, option::note).value_or("");
    }
    command.wait_timeout = default_wait_timeout(spec_.verb);
    if (auto error = read_duration(option::wait_timeout, command.wait_timeout, "35m or 2h")) return *error;
    if (command.dry_run && command.wait) {
      return fail("--dry-run and --wait cannot be combined: a dry run restores nothing to wait for");
    }
    if (command.dry_run && command.output == OutputFormat::name) {
      return fail("-o name: " + std::string{spec_.name} +
                  " --dry-run prints a plan, not checkpoints; use table, json or yaml");
    }
    return ParsedCommandLine{std::move(command)};
  }

 private:
  Error fail(const std::string& message) const { return usage_error(message, &spec_); }

  std::optional<std::string> environment(const char* name) const {
    auto value = environment_ ? environment_(name) : std::nullopt;
    if (value && value->empty()) return std::nullopt;
    return value;
  }

  std::optional<Error> read_duration(const char* name, Millis& out, std::string_view example) const {
    const auto text = text_of(values_, name);
    if (!text) return std::nullopt;
    const auto duration = parse_duration(*text);
    if (!duration || *duration <= Millis{0}) {
      return fail("--" + std::string{name} + ": '" + *text + "' is not a positive duration; write it like " +
                  std::string{example});
    }
    out = *duration;
    return std::nullopt;
  }

  // Command line beats environment; at the same level an address wins over a socket.
  // A command that does not talk to the daemon does not need its token.
  std::optional<Error> read_connection(ConnectionOptions& connection, bool daemon_needed) const {
    if (auto address = text_of(values_, option::addr)) {
      connection.address = *address;
    } else if (auto socket = text_of(values_, option::socket)) {
      connection.socket_path = *socket;
    } else if (auto env_address = environment(kAddrEnv)) {
      connection.address = *env_address;
    } else if (auto env_socket = environment(kSocketEnv)) {
      connection.socket_path = *env_socket;
    }
    connection.token_file = text_of(values_, option::token_file).value_or(environment(kTokenFileEnv).value_or(""));
    if (daemon_needed && !connection.address.empty() && connection.token_file.empty()) {
      return fail("--addr " + connection.address + " needs a bearer token: pass --token-file PATH or set " +
                  kTokenFileEnv);
    }
    connection.ca_file = text_of(values_, option::ca_file).value_or("");
    connection.insecure_skip_tls_verify = flag(values_, option::insecure_skip_tls_verify);
    return read_duration(option::timeout, connection.request_timeout, "30s, 2m or 1m30s");
  }

  // A format the verb does not print is refused with the ones it does.
  std::optional<Error> read_output(OutputFormat& output) const {
    const auto text = text_of(values_, option::output);
    if (!text) return std::nullopt;
    const auto format = output_format_from(*text);
    if (!format) {
      return fail("-o: '" + *text + "' is not an output format; use " +
                  one_of(option_choices(nullptr, option::output)));
    }
    if (!accepts_output(spec_, *format)) {
      const std::string verb{spec_.name};
      if (spec_.prints == Prints::text) return fail("-o " + *text + ": " + verb + " prints text only; leave out -o");
      const std::string why =
          *format == OutputFormat::name ? verb + " prints no checkpoints" : "only evidence writes Markdown";
      return fail("-o " + *text + ": " + why + "; use " + one_of(option_choices(&spec_, option::output)));
    }
    output = *format;
    return std::nullopt;
  }

  std::optional<Error> read_positionals(Command& command) const {
    std::vector<std::string> positionals;
    if (values_.count(option::arguments) != 0) positionals = values_[option::arguments].as<std::vector<std::string>>();
    if (spec_.positional == Positional::none) {
      if (positionals.empty()) return std::nullopt;
      return fail("unexpected argument '" + positionals.front() + "': " + std::string{spec_.name} +
                  " takes no positional arguments");
    }
    if (spec_.positional == Positional::checkpoint_id_and_switch) return read_switch(positionals, command);
    if (spec_.positional == Positional::shell) return read_shell(positionals, command);
    const auto [what, slot] = positional_slot(command);
    if (positionals.empty()) return fail(std::string{spec_.name} + " needs a " + what);
    if (positionals.size() > 1) {
      return fail("unexpected argument '" + positionals[1] + "': " + std::string{spec_.name} + " takes exactly one " +
                  what);
    }
    *slot = positionals.front();
    return std::nullopt;
  }

  // What the verb's one positional argument is called, and where it goes.
  std::pair<std::string, std::string*> positional_slot(Command& command) const {
    if (spec_.positional == Positional::checkpoint_id) return {"checkpoint ID", &command.checkpoint_id};
    if (spec_.positional == Positional::evidence_file) return {"package FILE", &command.evidence_file};
    return {"plan FILE", &command.plan_file};
  }

  // flag ID on|off
  std::optional<Error> read_switch(const std::vector<std::string>& positionals, Command& command) const {
    if (positionals.size() != 2 || (positionals[1] != kSwitchOn && positionals[1] != kSwitchOff)) {
      return fail(std::string{spec_.name} + " needs a checkpoint ID and on or off, e.g. `flag " +
                  (positionals.empty() ? std::string{"ID"} : positionals.front()) + " off`");
    }
    command.checkpoint_id = positionals[0];
    command.flag_on = positionals[1] == kSwitchOn;
    return std::nullopt;
  }

  // completion bash|zsh
  std::optional<Error> read_shell(const std::vector<std::string>& positionals, Command& command) const {
    const auto shell = positionals.size() == 1 ? shell_from(positionals.front()) : std::nullopt;
    if (!shell) return fail(std::string{spec_.name} + " needs one shell: " + one_of(positional_choices(spec_, 0)));
    command.shell = *shell;
    return std::nullopt;
  }

  // --by, else the login name: a person's action is recorded under a name.
  std::optional<Error> read_actor(std::string& by) const {
    if (auto given = text_of(values_, option::by)) {
      by = *given;
    } else if (auto user = environment("USER")) {
      by = *user;
    }
    if (by.find_first_not_of(" \t") == std::string::npos) {
      return fail(std::string{spec_.name} + " records who acts: pass --by NAME");
    }
    return std::nullopt;
  }

  std::optional<Error> read_begin(BeginRequest& request) const {
    request.cluster = text_of(values_, option::cluster).value_or("");
    request.migration_id = text_of(values_, option::migration_id).value_or("");
    request.purpose = text_of(values_, option::purpose).value_or("");
    if (auto phase = text_of(values_, option::phase)) {
      const auto parsed = migration_phase_from(*phase);
      if (!parsed) {
        return fail("--phase: '" + *phase + "' is not a migration phase; use one of: " +
                    codec::migration_phase_names());
      }
      request.phase = *parsed;
    }
    if (auto window = text_of(values_, option::window)) {
      const auto duration = parse_duration(*window);
      if (!duration) return fail("--window: '" + *window + "' is not a duration; write it like 24h, 90m or 1h30m");
      request.window.duration = *duration;
    }
    request.window.owner = text_of(values_, option::owner).value_or("");
    request.window.approver = text_of(values_, option::approver).value_or("");
    request.idempotency_key = text_of(values_, option::idempotency_key).value_or("");
    return std::nullopt;
  }

  std::optional<Error> read_list_filter(ListFilter& filter) const {
    filter.cluster = text_of(values_, option::cluster).value_or("");
    if (auto state = text_of(values_, option::state)) {
      filter.state = checkpoint_state_from(*state);
      if (!filter.state) {
        return fail("--state: '" + *state + "' is not a checkpoint state; use one of: " +
                    codec::checkpoint_state_names());
      }
    }
    return std::nullopt;
  }

  const VerbSpec& spec_;
  const po::variables_map& values_;
  const EnvironmentLookup& environment_;
};

// The verbs of two words starting with `first` ("plan check" for "plan").
std::vector<std::string> two_word_verbs(const std::string& first) {
  std::vector<std::string> names;
  for (const auto& spec : verb_specs()) {
    if (spec.name.starts_with(first + " ")) names.emplace_back(spec.name);
  }
  return names;
}

// The verb at args[position], one word or two ("plan check"), and how many words it took.
// A first word that only starts a two-word verb ("plan") is named with what may follow;
// a mistyped verb with the closest one.
Result<std::pair<const VerbSpec*, std::size_t>> find_verb_at(const std::vector<std::string>& args,
                                                             std::size_t position) {
  const std::string& first = args[position];
  const bool has_next = position + 1 < args.size();
  if (has_next) {
    if (const VerbSpec* spec = find_verb(first + " " + args[position + 1])) return std::pair{spec, std::size_t{2}};
  }
  if (const VerbSpec* spec = find_verb(first)) return std::pair{spec, std::size_t{1}};
  if (const auto candidates = two_word_verbs(first); !candidates.empty()) {
    const std::string next = has_next ? args[position + 1] : std::string{};
    std::string hint = has_next ? did_you_mean(first + " " + next, candidates) : std::string{};
    if (hint.empty()) hint = "; use '" + std::string{find_verb(candidates.front())->usage} + "'";
    return usage_error("'" + first + "' needs a subcommand, not " + (has_next ? "'" + next + "'" : "nothing") + hint,
                       nullptr);
  }
  const std::string hint = did_you_mean(first, verb_first_words());
  return usage_error("unknown command '" + first + "'" + (hint.empty() ? "; commands are " + verb_names() : hint),
                     nullptr);
}

// run: the arguments after the first `--` are the command to wrap, taken verbatim.
Result<std::vector<std::string>> split_off_command(std::vector<std::string>& rest, const VerbSpec& spec) {
  if (!spec.takes_command) return std::vector<std::string>{};
  const auto separator = std::find(rest.begin(), rest.end(), "--");
  if (separator == rest.end()) return std::vector<std::string>{};
  std::vector<std::string> command(separator + 1, rest.end());
  rest.erase(separator, rest.end());
  if (command.empty()) return usage_error("'--' must be followed by the command to run", &spec);
  if (command.front().empty()) return usage_error("the command after '--' must start with a program name", &spec);
  return command;
}

Result<ParsedCommandLine> parse_without_verb(const std::vector<std::string>& args,
                                             const po::options_description& globals) {
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(globals).style(kParserStyle).run(), values);
  } catch (const po::error& error) {
    return usage_error(describe(error, globals), nullptr);
  }
  if (flag(values, option::help)) return ParsedCommandLine{InformationRequest{general_help()}};
  if (flag(values, option::version)) return ParsedCommandLine{InformationRequest{version_text()}};
  return usage_error("no command given; commands are " + verb_names(), nullptr);
}

}  // namespace

Result<ParsedCommandLine> parse_command_line(const std::vector<std::string>& args,
                                             const EnvironmentLookup& environment) {
  const auto globals = global_options();
  const auto verb_position = find_verb_position(args, globals);
  if (!verb_position) return parse_without_verb(args, globals);

  auto found = find_verb_at(args, *verb_position);
  if (!found) return std::move(found).error();
  const auto [spec, words] = *found;
  std::vector<std::string> rest = args;
  const auto verb_begin = rest.begin() + static_cast<std::ptrdiff_t>(*verb_position);
  rest.erase(verb_begin, verb_begin + static_cast<std::ptrdiff_t>(words));
  auto migration_command = split_off_command(rest, *spec);
  if (!migration_command) return std::move(migration_command).error();

  po::options_description accepted;
  accepted.add(globals).add(verb_options(*spec));
  accepted.add_options()(option::arguments, po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add(option::arguments, -1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(rest).options(accepted).positional(positional).style(kParserStyle).run(),
              values);
    if (flag(values, option::help)) return ParsedCommandLine{InformationRequest{verb_help(*spec)}};
    if (flag(values, option::version)) return ParsedCommandLine{InformationRequest{version_text()}};
    po::notify(values);
  } catch (const po::error& error) {
    return usage_error(describe(error, accepted), spec);
  }
  return Reader{*spec, values, environment}.command(std::move(migration_command).value());
}

}  // namespace ckpt::cli
