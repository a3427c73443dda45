// Where a KubeConnection comes from: a kubeconfig file (as kubectl reads it) or the
// service account of the pod the daemon runs in.
//
// load_kubeconfig reads the named context (empty: current-context) and its cluster and
// user. Supported: server (https:// only, an optional path prefix), certificate-authority
// or certificate-authority-data, insecure-skip-tls-verify (explicit only), tls-server-name
// is refused; user token, tokenFile, client-certificate(-data) with client-key(-data); the
// context's namespace. "-data" wins over the file form, token over tokenFile (as client-go
// does). Relative paths resolve against the kubeconfig's directory. Files are checked
// when loading and the TLS material is parsed, so a bad kubeconfig fails here, not at the
// first request. exec plugins, auth-providers, basic auth, impersonation and proxy-url are
// refused with an error that names the field. Every error is bad_request with a message
// "kubeconfig <path>: ..." that names the context, cluster or user and the field.
//
// load_in_cluster reads KUBERNETES_SERVICE_HOST / KUBERNETES_SERVICE_PORT and the service
// account's token (kept as a file: KubeClient re-reads it when it rotates), ca.crt and
// namespace; the environment is injectable for tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "kube/kube_connection.hpp"

namespace ckpt::kube {

inline constexpr std::string_view kServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

struct InClusterEnvironment {
  std::string service_host;  // $KUBERNETES_SERVICE_HOST (an IPv6 address without brackets)
  std::string service_port;  // $KUBERNETES_SERVICE_PORT
  std::filesystem::path service_account_dir{kServiceAccountDir};

  // From this process's environment and the standard mount point.
  static InClusterEnvironment from_process();
};

Result<KubeConnection> load_kubeconfig(const std::filesystem::path& path, std::string_view context_name = {});
// The same from the kubeconfig's text; `path` is where it came from: it names the
// kubeconfig in messages and relative file names resolve against its directory.
Result<KubeConnection> parse_kubeconfig(std::string_view text, const std::filesystem::path& path,
                                        std::string_view context_name = {});

Result<KubeConnection> load_in_cluster(const InClusterEnvironment& environment = InClusterEnvironment::from_process());

}  // namespace ckpt::kube
