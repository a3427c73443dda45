// A bad configuration stops the daemon at start with a message that names the key.
#include <gtest/gtest.h>

#include <fstream>

#include "daemon_process.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

std::pair<int, std::string> check(const TempDir& dir, const std::string& yaml) {
  const auto file = dir.path() / "bad.yaml";
  std::ofstream(file) << yaml;
  return run_daemon_once({"--config", file.string()});
}

TEST(DaemonConfig, UnknownKeyIsNamedWithItsPath) {
  TempDir dir;
  auto [status, output] = check(dir, "state_directory: /tmp/x\nclusters:\n  - name: app\n    engine: local\n"
                                     "    local:\n      data_directory: /d\n      prot: 5432\n"
                                     "      archive_directory: /a\n      backup_directory: /b\n      restore_directory: /r\n");
  EXPECT_EQ(status, 2);
  EXPECT_NE(output.find("unknown key 'clusters[0].local.prot'"), std::string::npos) << output;
}

TEST(DaemonConfig, WrongTypeIsNamedWithItsPath) {
  TempDir dir;
  auto [status, output] = check(dir, "clusters:\n  - name: app\n    local:\n      data_directory: /d\n      port: abc\n"
                                     "      archive_directory: /a\n      backup_directory: /b\n      restore_directory: /r\n");
  EXPECT_EQ(status, 2);
  EXPECT_NE(output.find("'clusters[0].local.port' must be an integer"), std::string::npos) << output;
}

TEST(DaemonConfig, MissingFileIsReported) {
  auto [status, output] = run_daemon_once({"--config", "/nonexistent/checkpointd.yaml"});
  EXPECT_EQ(status, 2);
  EXPECT_NE(output.find("/nonexistent/checkpointd.yaml"), std::string::npos) << output;
}

TEST(DaemonConfig, CheckConfigAcceptsAValidFile) {
  TempDir dir;
  const auto file = dir.path() / "good.yaml";
  std::ofstream(file) << "clusters:\n  - name: app\n    local:\n      data_directory: /d\n"
                         "      archive_directory: /a\n      backup_directory: /b\n      restore_directory: /r\n";
  auto [check_status, check_output] = run_daemon_once({"--config", file.string(), "--check-config"});
  EXPECT_EQ(check_status, 0) << check_output;
  EXPECT_NE(check_output.find("configuration is valid"), std::string::npos);
  // Directories that point nowhere are named, key by key (the daemon still starts).
  EXPECT_NE(check_output.find("warning: clusters[0].local.data_directory: /d does not exist"), std::string::npos)
      << check_output;
  EXPECT_NE(check_output.find("warning: clusters[0].local.archive_directory: /a does not exist"), std::string::npos);
  EXPECT_EQ(check_output.find("bin_directory"), std::string::npos) << "the default bin directory exists";
}

TEST(DaemonConfig, CheckConfigIsQuietWhenTheDirectoriesExist) {
  TempDir dir;
  const auto file = dir.path() / "good.yaml";
  const std::string d = dir.path().string();
  std::ofstream(file) << "clusters:\n  - name: app\n    local:\n      data_directory: " << d
                      << "\n      archive_directory: " << d << "\n      backup_directory: /b\n"
                      << "      restore_directory: /r\n";
  auto [check_status, check_output] = run_daemon_once({"--config", file.string(), "--check-config"});
  EXPECT_EQ(check_status, 0) << check_output;
  EXPECT_EQ(check_output.find("warning"), std::string::npos) << check_output;
}

TEST(DaemonConfig, UnknownFlagIsAUsageError) {
  auto [status, output] = run_daemon_once({"--frobnicate"});
  EXPECT_EQ(status, 2);
  EXPECT_NE(output.find("frobnicate"), std::string::npos) << output;
}

}  // namespace
}  // namespace ckpt::test
