// The deployment files are valid for the tools that consume them: the systemd unit
// passes `systemd-analyze verify` and stays hardened. The alert rules: alert_rules_test;
// the Grafana dashboard: dashboard_test. The Kubernetes manifests: rbac_test, deployment_test,
// kustomize_test.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <regex>

#include "deploy/deploy_tools.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

TEST(SystemdUnit, VerifiesWithTheBuiltBinary) {
  if (!installed("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed";
  TempDir dir;
  const auto unit = read_text(source_dir() / "systemd" / "checkpointd.service");
  const std::string binary = (build_dir() / "daemon" / "checkpointd").string();
  const auto path = dir.path() / "checkpointd-under-test.service";
  std::ofstream(path) << std::regex_replace(unit, std::regex{"/usr/bin/checkpointd"}, binary);
  auto [status, output] = run_command("systemd-analyze verify " + path.string());
  EXPECT_EQ(status, 0) << output;
}

TEST(SystemdUnit, StaysHardened) {
  if (!installed("systemd-analyze")) GTEST_SKIP() << "systemd-analyze is not installed";
  auto [status, output] = run_command("systemd-analyze security --offline=yes --threshold=20 " +
                                      (source_dir() / "systemd" / "checkpointd.service").string());
  EXPECT_EQ(status, 0) << "exposure above 2.0:\n" << output;
}

}  // namespace
}  // namespace ckpt::test
