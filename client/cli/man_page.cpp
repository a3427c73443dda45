#include "cli/man_page.hpp"

#include <array>
#include <boost/program_options/options_description.hpp>
#include <map>
#include <sstream>
#include <utility>

#include "cli/command_line.hpp"
#include "cli/options_catalog.hpp"
#include "proto/error_codes.hpp"

namespace ckpt::cli {
namespace {

namespace po = boost::program_options;

// What each -o format prints; the verbs that accept it come from the catalog.
constexpr std::array<std::pair<OutputFormat, std::string_view>, 5> kFormatMeanings{{
    {OutputFormat::table, "for people (the default)"},
    {OutputFormat::json, "the API's own shapes, indented"},
    {OutputFormat::yaml, "the same values as YAML"},
    {OutputFormat::markdown, "the evidence package as Markdown (evidence's default)"},
    {OutputFormat::name, "only the ids of the checkpoints the command returns, one per line"},
}};

constexpr std::array<std::pair<const char*, std::string_view>, 4> kEnvironment{{
    {kSocketEnv, "the daemon's Unix socket, when neither --socket nor --addr is given"},
    {kAddrEnv, "the daemon's TCP address, when neither --socket nor --addr is given; wins over the socket"},
    {kTokenFileEnv, "the file holding the bearer token, when --token-file is not given"},
    {"USER", "who acts, when --by is not given"},
}};

// Text for a roff text line: backslashes and hyphens escaped, a leading control
// character neutralised.
std::string roff(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\') {
      escaped += "\\e";
    } else if (c == '-') {
      escaped += "\\-";
    } else {
      escaped += c;
    }
  }
  if (!escaped.empty() && (escaped.front() == '.' || escaped.front() == '\'')) escaped.insert(0, "\\&");
  return escaped;
}

std::string bold(std::string_view text) {
  return "\\fB" + roff(text) + "\\fR";
}
std::string italic(std::string_view text) {
  return "\\fI" + roff(text) + "\\fR";
}

// ".TP" paragraphs, one per option: "-o, --output FORMAT" and its description.
void write_options(std::ostream& out, const po::options_description& options) {
  for (const auto& option : options.options()) {
    out << ".TP\n";
    const auto spellings = option_spellings(*option);
    for (std::size_t i = 0; i < spellings.size(); ++i) out << (i > 0 ? ", " : "") << bold(spellings[i]);
    if (option->semantic()->max_tokens() > 0) out << " " << italic(option->semantic()->name());
    out << "\n" << roff(option->description()) << "\n";
  }
}

void write_commands(std::ostream& out) {
  out << ".SH COMMANDS\n";
  for (const auto& spec : verb_specs()) {
    out << ".SS \"" << roff(spec.name) << "\"\n"
        << bold("checkpointctl") << " " << roff(spec.usage) << "\n.PP\n"
        << roff(spec.summary) << ".\n";
    write_options(out, verb_options(spec));
  }
}

// Verbs accepting `format`, "begin, commit, ..." (all of them for table).
std::string verbs_accepting(OutputFormat format) {
  std::string names;
  for (const auto& spec : verb_specs()) {
    if (!accepts_output(spec, format)) continue;
    if (!names.empty()) names += ", ";
    names += spec.name;
  }
  return names;
}

void write_output_formats(std::ostream& out) {
  out << ".SH OUTPUT FORMATS\nResults go to stdout; progress, warnings and errors to stderr.\n";
  for (const auto& [format, meaning] : kFormatMeanings) {
    out << ".TP\n"
        << bold("-o " + std::string{to_string(format)}) << "\n"
        << roff(meaning) << ". Accepted by: " << roff(verbs_accepting(format)) << ".\n";
  }
}

void write_environment(std::ostream& out) {
  out << ".SH ENVIRONMENT\n";
  for (const auto& [name, meaning] : kEnvironment) out << ".TP\n" << bold(name) << "\n" << roff(meaning) << ".\n";
}

// One paragraph per exit code, listing the error codes that end with it.
void write_exit_status(std::ostream& out) {
  std::map<int, std::vector<const proto::ErrorSpec*>> by_exit_code;
  for (const auto& spec : proto::error_table()) by_exit_code[spec.exit_code].push_back(&spec);
  out << ".SH EXIT STATUS\n.TP\n" << bold(std::to_string(proto::kExitOk)) << "\nsuccess\n";
  for (const auto& [exit_code, specs] : by_exit_code) {
    out << ".TP\n" << bold(std::to_string(exit_code)) << "\n";
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (i > 0) out << ".br\n";
      out << bold(specs[i]->name) << ": " << roff(specs[i]->meaning) << "\n";
    }
  }
  out << ".PP\nA usage error (an unknown command or option, a missing argument) exits " << proto::kExitUsage
      << " and names what is wrong; a mistyped command or option is answered with the "
      << "closest known one.\n";
}

}  // namespace

std::string man_page() {
  std::ostringstream out;
  out << ".TH CHECKPOINTCTL 1 \"\" \"checkpointctl " << roff(CHECKPOINTD_VERSION) << "\" \"User Commands\"\n"
      << ".SH NAME\ncheckpointctl \\- the client of checkpointd (rollback\\-safe PostgreSQL migrations)\n"
      << ".SH SYNOPSIS\n"
      << bold("checkpointctl") << " [" << italic("global options") << "] " << italic("COMMAND") << " ["
      << italic("command options") << "]\n"
      << ".SH DESCRIPTION\n"
      << "checkpointctl talks to the checkpointd daemon: it takes a checkpoint before a PostgreSQL migration, "
      << "runs or wraps the migration, commits or fails it, restores the database to a checkpoint and shows "
      << "checkpoints, their timelines and their evidence. Global options may come before or after the "
      << "command. " << roff("`checkpointctl completion bash|zsh`") << " prints a shell completion script.\n";
  write_commands(out);
  out << ".SH GLOBAL OPTIONS\n";
  write_options(out, global_options());
  write_output_formats(out);
  write_environment(out);
  write_exit_status(out);
  out << ".SH SEE ALSO\nThe checkpointd documentation, " << italic("/usr/share/doc/checkpointd/docs/cli.md") << ".\n";
  return out.str();
}

}  // namespace ckpt::cli
