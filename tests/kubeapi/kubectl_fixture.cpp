#include "kubectl_fixture.hpp"

#include <stdlib.h>

#include <fstream>

#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::kubeapi::testing {
namespace {

std::filesystem::path make_scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kubectl-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return {};
  return pattern;
}

}  // namespace

void KubectlTest::SetUp() {
  if (!std::filesystem::exists(kKubectl)) GTEST_SKIP() << kKubectl << " is not installed: skipping the kubectl checks";
  KubeApiTest::SetUp();
  scratch = make_scratch_dir();
  ASSERT_FALSE(scratch.empty());
  std::filesystem::create_directories(scratch / "home");
  kubeconfig = write_config("kubeconfig", kWriterToken);
}

void KubectlTest::TearDown() {
  std::error_code ignored;
  if (!scratch.empty()) std::filesystem::remove_all(scratch, ignored);
}

std::filesystem::path KubectlTest::write_config(const std::string& name, const std::string& token) {
  const auto path = scratch / name;
  auto written = write_kubeconfig(path, {server->url(), server->ca_pem(), token, "develop"});
  EXPECT_TRUE(written) << written.error().message;
  return path;
}

CommandResult KubectlTest::kubectl(std::vector<std::string> args, const std::filesystem::path& config) {
  std::vector<std::string> argv{kKubectl, "--kubeconfig", (config.empty() ? kubeconfig : config).string(), "-n",
                                "develop"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, {{"HOME", (scratch / "home").string()}}, scratch);
}

std::filesystem::path KubectlTest::write_manifest(const std::string& name, const std::string& text) {
  const auto path = scratch / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace ckpt::kubeapi::testing
