// completion_script: both scripts offer every verb and every option of the catalog, are
// valid shell, and bash's completion function, called as bash calls it, offers the
// verbs, sub-verbs, options and fixed values the parser accepts.
#include "cli/completion_script.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/options_catalog.hpp"
#include "client/shell_command.hpp"
#include "client/temp_directory.hpp"

namespace ckpt::cli {
namespace {

using testing::run_shell;
using testing::TempDirectory;
using testing::tool_exists;

using Words = std::vector<std::string>;

// Every verb word and every spelling of every option, global and per verb.
void expect_catalog_in(const std::string& script) {
  for (const auto& word : verb_first_words()) {
    EXPECT_NE(script.find("'" + word + "'"), std::string::npos) << word;
  }
  for (const auto& spec : verb_specs()) {
    EXPECT_NE(script.find("'" + std::string{spec.name} + "|"), std::string::npos) << spec.name;
    const auto own = verb_options(spec);
    for (const auto& option : own.options()) {
      EXPECT_NE(script.find("'--" + option->long_name() + "'"), std::string::npos)
          << spec.name << " --" << option->long_name();
    }
  }
  const auto globals = global_options();
  for (const auto& option : globals.options()) {
    for (const auto& spelling : option_spellings(*option)) {
      EXPECT_NE(script.find("'" + spelling + "'"), std::string::npos) << spelling;
    }
  }
}

// The candidates bash's completion offers with `typed` on the line, the cursor in its
// last word: the script sourced into bash, its function called as bash calls it.
Words bash_candidates(const TempDirectory& directory, const Words& typed) {
  const auto script = directory.write("checkpointctl.bash", completion_script(Shell::bash));
  std::string words = "checkpointctl";
  for (const auto& word : typed) words += " '" + word + "'";
  const auto driver = directory.write(
      "complete.bash", "source " + script + "\nCOMP_WORDS=(" + words + ")\nCOMP_CWORD=" + std::to_string(typed.size()) +
                           "\n" + kCompletionFunction + "\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
  const auto result = run_shell("bash " + driver);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  Words candidates;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) candidates.push_back(line);
  }
  return candidates;
}

TEST(CompletionScript, BothShellsOfferEveryVerbAndOption) {
  for (const Shell shell : {Shell::bash, Shell::zsh}) {
    SCOPED_TRACE(to_string(shell));
    expect_catalog_in(completion_script(shell));
  }
}

TEST(CompletionScript, BashScriptIsValidBash) {
  const TempDirectory directory;
  const auto file = directory.write("checkpointctl.bash", completion_script(Shell::bash));
  const auto checked = run_shell("bash -n " + file);
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
}

TEST(CompletionScript, ZshScriptIsValidZsh) {
  if (!tool_exists("zsh")) GTEST_SKIP() << "zsh is not installed: the zsh script's syntax is not checked";
  const TempDirectory directory;
  const auto file = directory.write("_checkpointctl", completion_script(Shell::zsh));
  const auto checked = run_shell("zsh -n " + file);
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
}

TEST(CompletionScript, BashCompletesVerbsAndSubVerbs) {
  const TempDirectory directory;
  EXPECT_EQ(bash_candidates(directory, {"sta"}), (Words{"status"}));
  EXPECT_EQ(bash_candidates(directory, {"e"}), (Words{"events", "evidence"}));
  EXPECT_EQ(bash_candidates(directory, {"plan", ""}), (Words{"check"}));
  EXPECT_EQ(bash_candidates(directory, {"evidence", "v"}), (Words{"verify"}));
  EXPECT_EQ(bash_candidates(directory, {"--socket", "/tmp/s.sock", "-o", "json", "go"}), (Words{"go-no-go"}));
  EXPECT_EQ(bash_candidates(directory, {"completion", ""}), (Words{"bash", "zsh"}));
}

TEST(CompletionScript, BashCompletesEachVerbsOwnOptionsAndTheGlobalOnes) {
  const TempDirectory directory;
  EXPECT_EQ(bash_candidates(directory, {"begin", "--ph"}), (Words{"--phase"}));
  EXPECT_EQ(bash_candidates(directory, {"drill", "--cluster", "app", "--k"}), (Words{"--keep"}));
  EXPECT_EQ(bash_candidates(directory, {"status", "ck-1", "--w"}), (Words{"--watch", "--wait-timeout"}));
  // Another verb's option is not offered; the global ones are, after any verb.
  EXPECT_EQ(bash_candidates(directory, {"commit", "ck-1", "--w"}), Words{});
  EXPECT_EQ(bash_candidates(directory, {"plan", "check", "--t"}), (Words{"--token-file", "--timeout"}));
}

TEST(CompletionScript, BashCompletesFixedValues) {
  const TempDirectory directory;
  EXPECT_EQ(bash_candidates(directory, {"begin", "--phase", ""}), (Words{"expand", "contract"}));
  EXPECT_EQ(bash_candidates(directory, {"list", "-o", ""}), (Words{"table", "json", "yaml", "name"}));
  EXPECT_EQ(bash_candidates(directory, {"evidence", "ck-1", "--output", ""}), (Words{"table", "json", "yaml", "md"}));
  EXPECT_EQ(bash_candidates(directory, {"-o", ""}), (Words{"table", "json", "yaml", "md", "name"}));
  EXPECT_EQ(bash_candidates(directory, {"list", "--state", "re"}),
            (Words{"ready", "refused", "restoring", "restored", "restore_failed"}));
  EXPECT_EQ(bash_candidates(directory, {"flag", "ck-1", "o"}), (Words{"on", "off"}));
  // Free values, IDs and the command after `--` are left to the shell's file names.
  EXPECT_EQ(bash_candidates(directory, {"begin", "--cluster", ""}), Words{});
  EXPECT_EQ(bash_candidates(directory, {"flag", ""}), Words{});
  EXPECT_EQ(bash_candidates(directory, {"run", "--plan", "p.yaml", "--", "--"}), Words{});
}

}  // namespace
}  // namespace ckpt::cli
