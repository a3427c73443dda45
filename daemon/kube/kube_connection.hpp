// KubeConnection: how to reach one Kubernetes API server as one identity, as loaded from
// a kubeconfig or from the pod's service account (kube/kubeconfig.hpp). A plain value:
// it holds file paths and PEM text, never an open file or connection.
//
// Guarantees (for values made by the loaders):
// - endpoint is https (TLS) with the CA to trust or, only when the kubeconfig says so
//   explicitly, insecure_skip_verify.
// - At most one of token / token_file is set; a token_file is re-read by KubeClient when it
//   changes (projected service-account tokens rotate).
// - credentials describes the identity for messages and logs and never contains a secret.
#pragma once

#include <filesystem>
#include <string>

#include "net/endpoint.hpp"

namespace ckpt::kube {

struct KubeConnection {
  // Host, port and TLS settings: CA file or PEM, client certificate and key, insecure flag.
  net::Endpoint endpoint;
  // The path of a server URL such as https://rancher.example/k8s/clusters/c-1, without a
  // trailing "/"; usually empty.
  std::string path_prefix;
  // A bearer token given inline; empty when none.
  std::string token;
  // A file holding the bearer token; empty when none.
  std::filesystem::path token_file;
  // The namespace of the kubeconfig context or of the service account; "default" otherwise.
  std::string namespace_name = "default";
  // E.g. `user "ci" of kubeconfig /home/ci/.kube/config (context "staging")`.
  std::string credentials;

  // "https://host:port" plus the path prefix, for messages.
  std::string server() const { return endpoint.to_string() + path_prefix; }
};

}  // namespace ckpt::kube
