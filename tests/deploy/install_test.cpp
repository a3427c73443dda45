// `cmake --install` of the build tree lays out what a host needs: both binaries, the
// systemd unit, the default config and the documentation. With the prefix /usr (the
// Debian package's) every path the unit names is installed, the installed unit passes
// `systemd-analyze verify` and the installed default config passes the installed daemon's
// --check-config.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "deploy/deploy_tools.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;

// Installs the build tree into `destdir` + `prefix`; a test failure with cmake's output
// when that fails.
void install(const fs::path& prefix, const fs::path& destdir = {}) {
  const std::string environment = destdir.empty() ? "" : "DESTDIR='" + destdir.string() + "' ";
  const auto installed_tree =
      run_command(environment + "cmake --install '" + build_dir().string() + "' --prefix '" + prefix.string() + "'");
  ASSERT_EQ(installed_tree.status, 0) << installed_tree.output;
}

bool is_executable(const fs::path& file) {
  return fs::is_regular_file(file) && (fs::status(file).permissions() & fs::perms::owner_exec) != fs::perms::none;
}

// Every absolute path the unit names: the programs and --config files of its Exec lines
// and the file:// documentation.
std::set<std::string> paths_named_by(const std::string& unit) {
  std::set<std::string> paths;
  static const std::regex exec_line{R"(^ExecStart(?:Pre)?=(\S+)(?:.*--config (\S+))?)", std::regex::multiline};
  for (auto it = std::sregex_iterator(unit.begin(), unit.end(), exec_line); it != std::sregex_iterator(); ++it) {
    paths.insert((*it)[1]);
    if ((*it)[2].matched) paths.insert((*it)[2]);
  }
  static const std::regex documentation{R"(^Documentation=file://(\S+))", std::regex::multiline};
  for (auto it = std::sregex_iterator(unit.begin(), unit.end(), documentation); it != std::sregex_iterator(); ++it) {
    paths.insert((*it)[1]);
  }
  return paths;
}

TEST(CmakeInstall, LaysOutBinariesUnitConfigAndDocsUnderThePrefix) {
  TempDir dir;
  const auto prefix = dir.path() / "prefix";
  install(prefix);
  if (HasFatalFailure()) return;

  EXPECT_TRUE(is_executable(prefix / "bin" / "checkpointd"));
  EXPECT_TRUE(is_executable(prefix / "bin" / "checkpointctl"));
  EXPECT_EQ(read_text(prefix / "lib" / "systemd" / "system" / "checkpointd.service"),
            read_text(source_dir() / "systemd" / "checkpointd.service"));
  const auto config = prefix / "etc" / "checkpointd" / "config.yaml";
  EXPECT_EQ(read_text(config), read_text(source_dir() / "systemd" / "config.yaml"));
  EXPECT_EQ(fs::status(config).permissions() & fs::perms::others_all, fs::perms::none)
      << "the config is readable by everyone";
  const auto docs = prefix / "share" / "doc" / "checkpointd";
  EXPECT_EQ(read_text(docs / "README.md"), read_text(source_dir() / "README.md"));
  for (const auto& page : fs::directory_iterator(source_dir() / "docs")) {
    if (page.path().extension() == ".md") {
      EXPECT_TRUE(fs::exists(docs / "docs" / page.path().filename())) << page.path().filename() << " is not installed";
    }
  }
}

class InstalledWithPrefixUsr : public ::testing::Test {
 protected:
  void SetUp() override { install("/usr", root()); }
  const fs::path& root() const { return dir_.path(); }
  fs::path unit_file() const { return root() / "usr" / "lib" / "systemd" / "system" / "checkpointd.service"; }

 private:
  TempDir dir_;
};

TEST_F(InstalledWithPrefixUsr, PutsEveryFileWhereTheUnitNamesIt) {
  const auto unit = read_text(unit_file());
  ASSERT_FALSE(unit.empty()) << unit_file() << " is not installed";
  const auto named = paths_named_by(unit);
  for (const auto* expected : {"/usr/bin/checkpointd", "/etc/checkpointd/config.yaml"}) {
    EXPECT_TRUE(named.contains(expected)) << "the unit no longer names " << expected;
  }
  for (const auto& path : named) {
    EXPECT_TRUE(fs::is_regular_file(root() / fs::path{path}.relative_path())) << path << " is not installed";
  }
  EXPECT_TRUE(is_executable(root() / "usr" / "bin" / "checkpointctl"));
}

TEST_F(InstalledWithPrefixUsr, TheDefaultConfigPassesTheInstalledDaemonsCheck) {
  const auto binary = root() / "usr" / "bin" / "checkpointd";
  const auto config = root() / "etc" / "checkpointd" / "config.yaml";
  const auto checked = run_command(binary.string() + " --config " + config.string() + " --check-config");
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_NE(checked.output.find("configuration is valid (1 cluster(s))"), std::string::npos) << checked.output;
}

// The unit is verified with its paths moved under the installation root, so the
// programs it starts are the installed ones.
TEST_F(InstalledWithPrefixUsr, TheInstalledUnitVerifies) {
  if (!installed("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed";
  const auto unit = read_text(unit_file());
  ASSERT_FALSE(unit.empty()) << unit_file() << " is not installed";
  const auto rooted =
      std::regex_replace(unit, std::regex{R"((\s|=)(/usr/bin/|/etc/checkpointd/))"}, "$1" + root().string() + "$2");
  const auto copy = root() / "checkpointd-installed.service";
  std::ofstream(copy) << rooted;
  const auto verified = run_command("systemd-analyze verify " + copy.string());
  EXPECT_EQ(verified.status, 0) << verified.output;
}

}  // namespace
}  // namespace ckpt::test
