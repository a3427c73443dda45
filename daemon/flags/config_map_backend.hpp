// A scope whose flags are keys of a ConfigMap (config_map_data.hpp): a change is one JSON
// merge patch of data.<flag> (the API server leaves an object alone when the patch changes
// nothing, so setting the current value writes nothing); a read is a GET. Deadlines and
// retries are the KubeClient's.
#pragma once

#include "config/config.hpp"
#include "flags/flag_backend.hpp"
#include "kube/kube_client.hpp"

namespace ckpt::flags {

class ConfigMapBackend final : public FlagBackend {
 public:
  ConfigMapBackend(kube::KubeClient& kube, config::ConfigMapBackend settings);

  boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                           FlagChangeContext context) override;
  boost::asio::awaitable<Result<std::optional<bool>>> read(std::string flag) override;

 private:
  kube::KubeClient& kube_;
  config::ConfigMapBackend settings_;
  kube::ResourceRef ref_;
};

}  // namespace ckpt::flags
