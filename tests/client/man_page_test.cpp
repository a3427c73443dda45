// man_page: checkpointctl(1) names every verb with its usage and every option of the
// catalog, every exit code, and groff renders it without a warning.
#include "cli/man_page.hpp"

#include <gtest/gtest.h>

#include "cli/options_catalog.hpp"
#include "client/shell_command.hpp"
#include "client/temp_directory.hpp"
#include "proto/error_codes.hpp"

namespace ckpt::cli {
namespace {

using testing::run_shell;
using testing::TempDirectory;
using testing::tool_exists;

// How the page writes `text`: hyphens are \-.
std::string in_roff(std::string_view text) {
  std::string escaped;
  for (const char c : text) escaped += c == '-' ? std::string{"\\-"} : std::string{c};
  return escaped;
}

TEST(ManPage, NamesEveryVerbAndOption) {
  const std::string page = man_page();
  EXPECT_EQ(page.rfind(".TH CHECKPOINTCTL 1 ", 0), 0U);
  for (const auto& spec : verb_specs()) {
    EXPECT_NE(page.find(".SS \"" + in_roff(spec.name) + "\"\n"), std::string::npos) << spec.name;
    EXPECT_NE(page.find(in_roff(spec.usage)), std::string::npos) << spec.usage;
    const auto own = verb_options(spec);
    for (const auto& option : own.options()) {
      EXPECT_NE(page.find("\\fB" + in_roff("--" + option->long_name()) + "\\fR"), std::string::npos)
          << spec.name << " --" << option->long_name();
    }
  }
  const auto globals = global_options();
  for (const auto& option : globals.options()) {
    for (const auto& spelling : option_spellings(*option)) {
      EXPECT_NE(page.find("\\fB" + in_roff(spelling) + "\\fR"), std::string::npos) << spelling;
    }
  }
  for (const auto& error : proto::error_table()) {
    EXPECT_NE(page.find("\\fB" + std::string{error.name} + "\\fR"), std::string::npos) << error.name;
  }
  EXPECT_NE(page.find("\\fB\\-o name\\fR"), std::string::npos);
}

TEST(ManPage, GroffRendersItWithoutWarnings) {
  if (!tool_exists("groff")) GTEST_SKIP() << "groff is not installed: the page is not rendered";
  const TempDirectory directory;
  const auto file = directory.write("checkpointctl.1", man_page());
  const auto rendered = run_shell("groff -man -Tutf8 -ww -z " + file);
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_EQ(rendered.output, "") << "groff warned";
  const auto text = run_shell("groff -man -Tutf8 -P-cbou " + file);
  EXPECT_NE(text.output.find("checkpointctl - the client of checkpointd"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("--cluster NAME"), std::string::npos) << text.output;
}

}  // namespace
}  // namespace ckpt::cli
