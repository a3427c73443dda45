// A scope whose flags are env vars of one container of a Deployment (deployment_env.hpp).
// A change reads the Deployment, edits the container's env and replaces the object with
// the resourceVersion it was read at (a JSON merge patch would replace the whole
// containers list); a 409 Conflict, another writer in between, starts over, up to
// kMaxConflicts times. Nothing is written when the variable has the value already. The
// new pod template rolls the Deployment out. Deadlines and retries of each call are the
// KubeClient's.
#pragma once

#include "config/config.hpp"
#include "flags/flag_backend.hpp"
#include "kube/kube_client.hpp"

namespace ckpt::flags {

class DeploymentEnvBackend final : public FlagBackend {
 public:
  static constexpr int kMaxConflicts = 5;

  DeploymentEnvBackend(kube::KubeClient& kube, config::DeploymentEnvBackend settings);

  boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                           FlagChangeContext context) override;
  boost::asio::awaitable<Result<std::optional<bool>>> read(std::string flag) override;

 private:
  kube::KubeClient& kube_;
  config::DeploymentEnvBackend settings_;
  kube::ResourceRef ref_;
};

}  // namespace ckpt::flags
