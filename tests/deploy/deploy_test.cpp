// The deployment files are valid for the tools that consume them: the systemd unit
// passes `systemd-analyze verify` and stays hardened, the alert rules pass
// `promtool check rules`, and the kustomize base builds with the real kubectl.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

std::filesystem::path source_dir() {
  const char* dir = std::getenv("CHECKPOINTD_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

bool installed(const std::string& program) { return run("command -v " + program).first == 0; }

TEST(SystemdUnit, VerifiesWithTheBuiltBinary) {
  if (!installed("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed";
  TempDir dir;
  std::ifstream in(source_dir() / "systemd" / "checkpointd.service");
  std::stringstream unit;
  unit << in.rdbuf();
  const char* build = std::getenv("CHECKPOINTD_BUILD_DIR");
  const std::string binary = std::string{build != nullptr ? build : "."} + "/daemon/checkpointd";
  const auto path = dir.path() / "checkpointd-under-test.service";
  std::ofstream(path) << std::regex_replace(unit.str(), std::regex{"/usr/bin/checkpointd"}, binary);
  auto [status, output] = run("systemd-analyze verify " + path.string());
  EXPECT_EQ(status, 0) << output;
}

TEST(SystemdUnit, StaysHardened) {
  if (!installed("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed";
  auto [status, output] = run("systemd-analyze security --offline=yes --threshold=20 " +
                              (source_dir() / "systemd" / "checkpointd.service").string());
  EXPECT_EQ(status, 0) << "exposure above 2.0:\n" << output;
}

TEST(AlertRules, PassPromtool) {
  if (!installed("promtool")) GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  TempDir dir;
  const auto rule = YAML::LoadFile((source_dir() / "manifests" / "monitoring" / "prometheusrule.yaml").string());
  const auto rules_file = dir.path() / "rules.yaml";
  YAML::Emitter out;
  out << rule["spec"];
  std::ofstream(rules_file) << out.c_str();
  auto [status, output] = run("promtool check rules " + rules_file.string());
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("SUCCESS: 8 rules found"), std::string::npos) << output;
}

TEST(Kustomize, MonitoringBaseBuilds) {
  if (!installed("kubectl")) GTEST_SKIP() << "kubectl is not installed on this machine";
  auto [status, output] = run("kubectl kustomize " + (source_dir() / "manifests" / "monitoring").string());
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("kind: PrometheusRule"), std::string::npos) << output;
}

}  // namespace
}  // namespace ckpt::test
