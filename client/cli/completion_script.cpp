#include "cli/completion_script.hpp"

#include <algorithm>
#include <boost/program_options/options_description.hpp>
#include <sstream>
#include <vector>

#include "cli/options_catalog.hpp"

namespace ckpt::cli {
namespace {

namespace po = boost::program_options;

// The words are names from the catalog (no quotes in them), single-quoted for the shell.
std::string quoted(std::string_view word) {
  return "'" + std::string{word} + "'";
}

std::string word_list(const std::vector<std::string>& words) {
  std::string list;
  for (const auto& word : words) list += " " + quoted(word);
  return list;
}

std::vector<std::string> all_spellings(const po::options_description& options) {
  std::vector<std::string> names;
  for (const auto& option : options.options()) {
    for (auto& name : option_spellings(*option)) names.push_back(std::move(name));
  }
  return names;
}

// `case` patterns matching "VERB|OPTION" for each spelling of `option`.
std::string value_patterns(std::string_view verb, const po::option_description& option) {
  std::string patterns;
  for (const auto& name : option_spellings(option)) {
    if (!patterns.empty()) patterns += "|";
    patterns += verb == "*" ? "*" + quoted("|" + name) : quoted(std::string{verb} + "|" + name);
  }
  return patterns;
}

// Options that take their value as the next word, in any verb: the scan skips that word.
std::vector<std::string> options_with_values() {
  std::vector<std::string> names;
  const auto add = [&names](const po::options_description& options) {
    for (const auto& option : options.options()) {
      if (option->semantic()->max_tokens() == 0) continue;
      for (auto& name : option_spellings(*option)) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
      }
    }
  };
  add(global_options());
  for (const auto& spec : verb_specs()) add(verb_options(spec));
  return names;
}

// One branch of a `case`, printing `words`; none when there are no words.
void write_case(std::ostream& out, const std::string& patterns, const std::vector<std::string>& words,
                std::string_view indent = "    ") {
  if (words.empty()) return;
  out << indent << patterns << ") printf '%s\\n'" << word_list(words) << " ;;\n";
}

// The values of the option before the cursor, when they are a fixed set: the verb's own
// and the global options within a verb, the global ones before it (or after a first word).
void write_option_values(std::ostream& out) {
  const auto globals = global_options();
  out << "  if [ \"$skip\" = 1 ]; then\n    case \"$verb|$prev\" in\n";
  for (const auto& spec : verb_specs()) {
    po::options_description accepted;
    accepted.add(globals).add(verb_options(spec));
    for (const auto& option : accepted.options()) {
      write_case(out, value_patterns(spec.name, *option), option_choices(&spec, option->long_name()), "      ");
    }
  }
  for (const auto& option : globals.options()) {
    write_case(out, value_patterns("*", *option), option_choices(nullptr, option->long_name()), "      ");
  }
  out << "    esac\n    return 0\n  fi\n";
}

// The options of the verb typed so far, then the global ones.
void write_options(std::ostream& out) {
  out << "  case $cur in\n    -*)\n      case $verb in\n";
  for (const auto& spec : verb_specs()) {
    write_case(out, quoted(spec.name), all_spellings(verb_options(spec)), "        ");
  }
  out << "      esac\n      printf '%s\\n'" << word_list(all_spellings(global_options()))
      << "\n      return 0\n      ;;\n  esac\n";
}

// Verbs, the second word of two-word verbs, and the fixed positional arguments.
void write_positionals(std::ostream& out) {
  out << "  case \"$verb|$positionals\" in\n";
  write_case(out, quoted("|0"), verb_first_words());
  for (const auto& spec : verb_specs()) {
    const auto space = spec.name.find(' ');
    if (space != std::string_view::npos) {
      write_case(out, quoted(std::string{spec.name.substr(0, space)} + "|0"),
                 {std::string{spec.name.substr(space + 1)}});
    }
    for (std::size_t index = 0; index < 2; ++index) {
      write_case(out, quoted(std::string{spec.name} + "|" + std::to_string(index)), positional_choices(spec, index));
    }
  }
  out << "  esac\n";
}

// How the scan joins a first word and the next into a two-word verb.
std::string two_word_patterns() {
  std::string patterns;
  for (const auto& spec : verb_specs()) {
    if (spec.name.find(' ') == std::string_view::npos) continue;
    if (!patterns.empty()) patterns += "|";
    patterns += quoted(spec.name);
  }
  return patterns;
}

// The function both shells share, in the syntax both read alike.
std::string candidates_function() {
  std::string value_options;
  for (const auto& name : options_with_values()) value_options += (value_options.empty() ? "" : "|") + name;
  std::ostringstream out;
  out << "# Prints the words that may come next on checkpointctl's command line, one a line:\n"
         "# $1 is the word being completed, the rest are the words between the program name and it.\n"
         "__checkpointctl_candidates() {\n"
         "  local cur=\"$1\" verb='' prev='' word='' skip=0 positionals=0\n"
         "  shift\n"
         "  for word in \"$@\"; do\n"
         "    prev=$word\n"
         "    if [ \"$skip\" = 1 ]; then\n"
         "      skip=0\n"
         "      continue\n"
         "    fi\n"
         "    case $word in\n"
         "      --) return 0 ;;\n"
      << "      " << value_options << ") skip=1 ;;\n"
      << "      -*) ;;\n"
         "      *)\n"
         "        if [ -z \"$verb\" ]; then\n"
         "          verb=$word\n"
         "        elif [ \"$positionals\" = 0 ]; then\n"
         "          case \"$verb $word\" in\n"
      << "            " << two_word_patterns() << ") verb=\"$verb $word\" ;;\n"
      << "            *) positionals=1 ;;\n"
         "          esac\n"
         "        else\n"
         "          positionals=$((positionals + 1))\n"
         "        fi\n"
         "        ;;\n"
         "    esac\n"
         "  done\n";
  write_option_values(out);
  write_options(out);
  write_positionals(out);
  out << "}\n";
  return out.str();
}

std::string bash_script() {
  return "# bash completion for checkpointctl, generated by `checkpointctl completion bash`.\n"
         "# Load it with: source <(checkpointctl completion bash)\n" +
         candidates_function() + "\n" + kCompletionFunction +
         "() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} candidates\n"
         "  candidates=$(__checkpointctl_candidates \"$cur\" \"${COMP_WORDS[@]:1:COMP_CWORD-1}\")\n"
         "  COMPREPLY=($(compgen -W \"$candidates\" -- \"$cur\"))\n"
         "}\n"
         "complete -o default -F " +
         kCompletionFunction + " checkpointctl\n";
}

std::string zsh_script() {
  return "#compdef checkpointctl\n"
         "# zsh completion for checkpointctl, generated by `checkpointctl completion zsh`.\n"
         "# Load it with: source <(checkpointctl completion zsh), or save it as _checkpointctl in $fpath.\n" +
         candidates_function() + "\n" + kCompletionFunction +
         "() {\n"
         "  local -a candidates\n"
         "  candidates=(${(f)\"$(__checkpointctl_candidates \"${words[CURRENT]}\" \"${(@)words[2,CURRENT-1]}\")\"})\n"
         "  if (( ${#candidates} )); then\n"
         "    compadd -- \"${candidates[@]}\"\n"
         "  else\n"
         "    _files\n"
         "  fi\n"
         "}\n"
         "if [ \"$funcstack[1]\" = " +
         kCompletionFunction + " ]; then\n  " + kCompletionFunction + " \"$@\"\nelse\n  compdef " +
         kCompletionFunction + " checkpointctl\nfi\n";
}

}  // namespace

std::string completion_script(Shell shell) {
  return shell == Shell::zsh ? zsh_script() : bash_script();
}

}  // namespace ckpt::cli
