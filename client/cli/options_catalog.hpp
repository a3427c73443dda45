// Every option checkpointctl understands, as Boost.Program_options descriptions: the
// global options (valid before or after the verb) and, per verb, its own options, its
// positional arguments, the -o formats it accepts, the fixed values its options and
// arguments take, and its help text. The single source for parsing, --help, the shell
// completion scripts and the man page.
#pragma once

#include <boost/program_options/options_description.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"

namespace ckpt::cli {

// Long option names, shared by the descriptions and the parser.
namespace option {
inline constexpr const char* socket = "socket";
inline constexpr const char* addr = "addr";
inline constexpr const char* token_file = "token-file";
inline constexpr const char* ca_file = "ca-file";
inline constexpr const char* insecure_skip_tls_verify = "insecure-skip-tls-verify";
inline constexpr const char* output = "output";
inline constexpr const char* timeout = "timeout";
inline constexpr const char* help = "help";
inline constexpr const char* version = "version";
inline constexpr const char* cluster = "cluster";
inline constexpr const char* migration_id = "migration-id";
inline constexpr const char* purpose = "purpose";
inline constexpr const char* phase = "phase";
inline constexpr const char* window = "window";
inline constexpr const char* owner = "owner";
inline constexpr const char* approver = "approver";
inline constexpr const char* idempotency_key = "idempotency-key";
inline constexpr const char* no_wait = "no-wait";
inline constexpr const char* wait_timeout = "wait-timeout";
inline constexpr const char* reason = "reason";
inline constexpr const char* wait = "wait";
inline constexpr const char* dry_run = "dry-run";
inline constexpr const char* cutover = "cutover";
inline constexpr const char* watch = "watch";
inline constexpr const char* state = "state";
inline constexpr const char* plan = "plan";
inline constexpr const char* by = "by";
inline constexpr const char* scope = "scope";
inline constexpr const char* note = "note";
inline constexpr const char* keep = "keep";
// Hidden: collects the positional arguments after the verb.
inline constexpr const char* arguments = "arguments";
}  // namespace option

// The positional arguments a verb takes: none, exactly one checkpoint id, plan file,
// evidence file or shell (completion), or a checkpoint id followed by on|off (flag).
enum class Positional { none, checkpoint_id, plan_file, checkpoint_id_and_switch, evidence_file, shell };

// What a verb prints on stdout, which decides the -o formats it accepts.
enum class Prints {
  checkpoints,  // checkpoints: table, json, yaml, name (their ids only)
  records,      // other records (events, plans, verdicts): table, json, yaml
  evidence,     // the evidence package: md (also as table), json, yaml
  text,         // text of its own (completion, man): no -o
};

struct VerbSpec {
  Verb verb;
  std::string_view name;     // one word, or two ("plan check")
  std::string_view usage;    // what follows "checkpointctl " in the usage line
  std::string_view summary;  // one line for the verb list
  Positional positional;
  Prints prints;
  void (*add_options)(boost::program_options::options_description&);
  // Takes a command to wrap after `--` (run).
  bool takes_command = false;
};

// flag ID on|off: the words of the switch, "on" first.
inline constexpr std::string_view kSwitchOn = "on";
inline constexpr std::string_view kSwitchOff = "off";

std::span<const VerbSpec> verb_specs();
// nullptr when `name` is not a verb.
const VerbSpec* find_verb(std::string_view name);
// "begin, commit, fail, abort, restore, status, list, events, plan check, run"
std::string verb_names();
// The first words of the verbs, each once: "begin", ..., "plan" (of "plan check"), ...
std::vector<std::string> verb_first_words();

// -o names: table, json, yaml, md, name.
std::optional<OutputFormat> output_format_from(std::string_view name);
// The formats `spec` accepts, in the order of the -o value name.
std::vector<OutputFormat> output_formats(const VerbSpec& spec);
bool accepts_output(const VerbSpec& spec, OutputFormat format);
std::optional<Shell> shell_from(std::string_view name);

// The fixed values the option `long_name` takes in `spec` (or before any verb when
// `spec` is nullptr): the verb's -o formats, the model's phases and states, ...; empty
// when its value is free text or it takes none.
std::vector<std::string> option_choices(const VerbSpec* spec, std::string_view long_name);
// The fixed words of the verb's positional argument at `index` (0 is the first):
// on|off after flag's ID, bash|zsh for completion; empty when free.
std::vector<std::string> positional_choices(const VerbSpec& spec, std::size_t index);

boost::program_options::options_description global_options();
// How `option` is written: {"-o", "--output"} with a short form, else {"--name"}.
std::vector<std::string> option_spellings(const boost::program_options::option_description& option);
boost::program_options::options_description verb_options(const VerbSpec& spec);

std::string general_help();
std::string verb_help(const VerbSpec& spec);
std::string version_text();

}  // namespace ckpt::cli
