#include "flags/config_map_backend.hpp"

#include "flags/config_map_data.hpp"
#include "flags/flag_value.hpp"

namespace ckpt::flags {

ConfigMapBackend::ConfigMapBackend(kube::KubeClient& kube, config::ConfigMapBackend settings)
    : kube_(kube),
      settings_(std::move(settings)),
      ref_{"", "v1", "configmaps", settings_.namespace_name, settings_.name} {}

boost::asio::awaitable<Result<void>> ConfigMapBackend::set(std::string /*scope*/, std::string flag, bool on,
                                                           FlagChangeContext /*context*/) {
  const OnOffValues values{settings_.on_value, settings_.off_value};
  auto patch = config_map_value_patch(flag, values.value_for(on));
  auto ref = ref_;
  auto patched = co_await kube_.merge_patch(std::move(ref), std::move(patch));
  if (!patched) co_return std::move(patched).error();
  co_return Result<void>{};
}

boost::asio::awaitable<Result<std::optional<bool>>> ConfigMapBackend::read(std::string flag) {
  auto ref = ref_;
  auto config_map = co_await kube_.get(std::move(ref));
  if (!config_map) co_return std::move(config_map).error();
  auto value = config_map_value(*config_map, flag);
  if (!value) co_return std::move(value).error();
  auto state = state_of("data." + flag, *value, {settings_.on_value, settings_.off_value});
  if (!state) co_return std::move(state).error();
  co_return std::optional<bool>(*state);
}

}  // namespace ckpt::flags
