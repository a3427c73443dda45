#include "flags/flag_switch.hpp"

#include <vector>

#include "flags/backend_description.hpp"
#include "flags/config_map_backend.hpp"
#include "flags/deployment_env_backend.hpp"
#include "flags/flag_backend.hpp"
#include "flags/flagd_file_backend.hpp"
#include "flags/name_list.hpp"
#include "flags/webhook_backend.hpp"
#include "kube/kube_client.hpp"
#include "obs/logging.hpp"

namespace ckpt::flags {
namespace {

Error no_kubernetes() {
  return make_error(ErrorCode::unavailable,
                    "the daemon has no Kubernetes API client (set kubernetes.kubeconfig, or run it in a pod "
                    "with a service account)");
}

}  // namespace

FlagSwitch::FlagSwitch(boost::asio::any_io_executor io, boost::asio::thread_pool& blocking,
                       const config::Config& config, kube::KubeClient* kube)
    : io_(std::move(io)), blocking_(blocking), config_(config), kube_(kube) {
  for (const auto& settings : config_.flag_backends) backends_.emplace(settings.name, make_backend(settings));
}

FlagSwitch::BackendResult FlagSwitch::make_backend(const config::FlagBackend& settings) {
  if (const auto* file = std::get_if<config::FlagdFileBackend>(&settings.backend)) {
    return std::shared_ptr<FlagBackend>(std::make_shared<FlagdFileBackend>(blocking_, *file));
  }
  if (const auto* hook = std::get_if<config::WebhookBackend>(&settings.backend)) {
    auto backend = WebhookBackend::create(io_, *hook);
    if (!backend) return std::move(backend).error();
    return std::shared_ptr<FlagBackend>(std::move(*backend));
  }
  if (kube_ == nullptr) return no_kubernetes();
  if (const auto* map = std::get_if<config::ConfigMapBackend>(&settings.backend)) {
    return std::shared_ptr<FlagBackend>(std::make_shared<ConfigMapBackend>(*kube_, *map));
  }
  return std::shared_ptr<FlagBackend>(
      std::make_shared<DeploymentEnvBackend>(*kube_, std::get<config::DeploymentEnvBackend>(settings.backend)));
}

FlagSwitch::BackendResult FlagSwitch::backend_for(std::string_view scope, std::string_view flag) const {
  const auto found = backends_.find(scope);
  if (found != backends_.end()) {
    if (!found->second) return in_scope(scope, found->second.error());
    if (flag.empty()) return in_scope(scope, make_error(ErrorCode::bad_request, "the flag name is empty"));
    return found->second;
  }
  std::vector<std::string> scopes;
  for (const auto& settings : config_.flag_backends) scopes.push_back(settings.name);
  return make_error(ErrorCode::not_found, "no flag scope \"" + std::string(scope) +
                                              "\" in the configuration's flag_backends (scopes: " + name_list(scopes) +
                                              ")");
}

Error FlagSwitch::in_scope(std::string_view scope, Error error) const {
  error.message = "flag scope \"" + std::string(scope) + "\" (" + describe(scope) + "): " + error.message;
  return error;
}

boost::asio::awaitable<Result<void>> FlagSwitch::set(std::string scope, std::string flag, bool on,
                                                     FlagChangeContext context) {
  auto backend = backend_for(scope, flag);
  if (!backend) co_return std::move(backend).error();
  auto done = co_await (*backend)->set(scope, flag, on, context);
  if (!done) co_return in_scope(scope, std::move(done).error());
  obs::logger("flags")->info("flag {} is {} in scope {} ({}) for checkpoint {}, by {}", flag, on ? "on" : "off", scope,
                             describe(scope), context.checkpoint_id, context.by);
  co_return Result<void>{};
}

boost::asio::awaitable<Result<std::optional<bool>>> FlagSwitch::read(std::string scope, std::string flag) {
  auto backend = backend_for(scope, flag);
  if (!backend) co_return std::move(backend).error();
  auto state = co_await (*backend)->read(flag);
  if (!state) co_return in_scope(scope, std::move(state).error());
  co_return std::move(state);
}

std::string FlagSwitch::describe(std::string_view scope) const {
  const auto* settings = config_.find_flag_backend(scope);
  return settings != nullptr ? describe_backend(*settings) : "no such flag scope";
}

}  // namespace ckpt::flags
