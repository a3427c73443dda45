// Test support for running the real kubectl (/usr/bin/kubectl) against the Kubernetes API
// test server: a fixture that skips, saying so, where kubectl is not installed, writes
// kubeconfigs for the server's tokens into a scratch directory and runs kubectl there with
// a private HOME (its discovery cache) in the develop namespace.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "command.hpp"
#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi::testing {

inline constexpr const char* kKubectl = "/usr/bin/kubectl";

class KubectlTest : public KubeApiTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A kubeconfig for the server with this token.
  std::filesystem::path write_config(const std::string& name, const std::string& token);
  // kubectl -n develop <args>, with the writer's kubeconfig unless another is given.
  CommandResult kubectl(std::vector<std::string> args, const std::filesystem::path& config = {});
  std::filesystem::path write_manifest(const std::string& name, const std::string& text);

  std::filesystem::path scratch;
  std::filesystem::path kubeconfig;
};

}  // namespace ckpt::kubeapi::testing
