#include "flags/backend_description.hpp"

#include "net/http_url.hpp"

namespace ckpt::flags {
namespace {

struct Describe {
  std::string operator()(const config::FlagdFileBackend& file) const { return "flagd file " + file.file.string(); }
  std::string operator()(const config::ConfigMapBackend& map) const {
    return "ConfigMap " + map.namespace_name + "/" + map.name;
  }
  std::string operator()(const config::DeploymentEnvBackend& env) const {
    return "Deployment " + env.namespace_name + "/" + env.deployment + " container " + env.container;
  }
  std::string operator()(const config::WebhookBackend& hook) const {
    const auto url = net::parse_http_url(hook.url);
    return url ? "webhook " + url->display : "webhook (unusable URL)";
  }
};

}  // namespace

std::string describe_backend(const config::FlagBackend& backend) {
  return std::visit(Describe{}, backend.backend);
}

}  // namespace ckpt::flags
