// Writes a kubeconfig for the test server, as kubectl and client libraries read it: one
// cluster (server URL and base64 certificate-authority-data), one user (bearer token), one
// context with a default namespace, set as current-context. The file is created mode 0600.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace ckpt::kubeapi {

struct KubeconfigSpec {
  std::string server_url;  // "https://127.0.0.1:<port>"
  std::string ca_pem;
  std::string token;
  std::string namespace_name = "develop";
  std::string name = "checkpointd-test";  // names the cluster, user and context
};

std::string render_kubeconfig(const KubeconfigSpec& spec);
Result<void> write_kubeconfig(const std::filesystem::path& path, const KubeconfigSpec& spec);

}  // namespace ckpt::kubeapi
