#include <cstdlib>
#include <utility>

#include "kube/file_text.hpp"
#include "kube/kubeconfig.hpp"
#include "net/http_client.hpp"

namespace ckpt::kube {
namespace {

constexpr std::string_view kUseKubeconfig = "; or set kubernetes.kubeconfig to use a kubeconfig file";

Error in_cluster_error(const std::string& what) {
  return make_error(ErrorCode::bad_request, "in-cluster Kubernetes credentials: " + what + std::string(kUseKubeconfig));
}

std::string environment_value(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

}  // namespace

InClusterEnvironment InClusterEnvironment::from_process() {
  InClusterEnvironment environment;
  environment.service_host = environment_value("KUBERNETES_SERVICE_HOST");
  environment.service_port = environment_value("KUBERNETES_SERVICE_PORT");
  return environment;
}

Result<KubeConnection> load_in_cluster(const InClusterEnvironment& environment) {
  if (environment.service_host.empty() || environment.service_port.empty()) {
    return in_cluster_error("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this is not a pod");
  }
  const bool ipv6 = environment.service_host.find(':') != std::string::npos;
  const std::string url = "https://" + (ipv6 ? "[" + environment.service_host + "]" : environment.service_host) + ":" +
                          environment.service_port;
  auto endpoint = net::Endpoint::parse(url);
  if (!endpoint) {
    return in_cluster_error("KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT give \"" + url +
                            "\", which is not a valid address");
  }
  KubeConnection connection;
  connection.endpoint = std::move(*endpoint);
  const auto& dir = environment.service_account_dir;

  connection.token_file = dir / "token";
  if (auto token = read_file_text(connection.token_file); !token) {
    return in_cluster_error("the service-account token " + connection.token_file.string() + " cannot be read: " +
                            token.error().message + "; mount it (automountServiceAccountToken: true)");
  }
  connection.endpoint.ca_file = (dir / "ca.crt").string();
  if (auto ca = read_file_text(connection.endpoint.ca_file); !ca) {
    return in_cluster_error("the service-account CA " + connection.endpoint.ca_file +
                            " cannot be read: " + ca.error().message);
  }
  if (auto tls = net::check_tls_settings(connection.endpoint); !tls) {
    return in_cluster_error(tls.error().message);
  }
  if (auto namespace_text = read_file_text(dir / "namespace"); namespace_text) {
    std::string namespace_name = trimmed(*namespace_text);
    if (!namespace_name.empty()) connection.namespace_name = std::move(namespace_name);
  }
  connection.credentials = "service-account token " + connection.token_file.string() + " (in-cluster)";
  return connection;
}

}  // namespace ckpt::kube
