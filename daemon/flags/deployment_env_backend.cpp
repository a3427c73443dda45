#include "flags/deployment_env_backend.hpp"

#include "flags/deployment_env.hpp"
#include "flags/flag_value.hpp"

namespace ckpt::flags {
namespace {

bool is_conflict(const Error& error) {
  return error.code == ErrorCode::conflict && error.reason == "Conflict";
}

}  // namespace

DeploymentEnvBackend::DeploymentEnvBackend(kube::KubeClient& kube, config::DeploymentEnvBackend settings)
    : kube_(kube),
      settings_(std::move(settings)),
      ref_{"apps", "v1", "deployments", settings_.namespace_name, settings_.deployment} {}

boost::asio::awaitable<Result<void>> DeploymentEnvBackend::set(std::string /*scope*/, std::string flag, bool on,
                                                               FlagChangeContext /*context*/) {
  const OnOffValues values{settings_.on_value, settings_.off_value};
  Error conflict;
  for (int attempt = 1; attempt <= kMaxConflicts; ++attempt) {
    auto ref = ref_;
    auto deployment = co_await kube_.get(ref);
    if (!deployment) co_return std::move(deployment).error();
    auto changed = set_container_env(*deployment, settings_.container, flag, values.value_for(on));
    if (!changed) co_return std::move(changed).error();
    if (!*changed) co_return Result<void>{};
    auto replaced = co_await kube_.replace(std::move(ref), std::move(*deployment));
    if (replaced) co_return Result<void>{};
    if (!is_conflict(replaced.error())) co_return std::move(replaced).error();
    conflict = std::move(replaced).error();
  }
  conflict.message = "the Deployment changed under each of " + std::to_string(kMaxConflicts) +
                     " updates (409 Conflict); try again: " + conflict.message;
  co_return conflict;
}

boost::asio::awaitable<Result<std::optional<bool>>> DeploymentEnvBackend::read(std::string flag) {
  auto ref = ref_;
  auto deployment = co_await kube_.get(std::move(ref));
  if (!deployment) co_return std::move(deployment).error();
  auto value = container_env_value(*deployment, settings_.container, flag);
  if (!value) co_return std::move(value).error();
  auto state = state_of("env var " + flag, *value, {settings_.on_value, settings_.off_value});
  if (!state) co_return std::move(state).error();
  co_return std::optional<bool>(*state);
}

}  // namespace ckpt::flags
