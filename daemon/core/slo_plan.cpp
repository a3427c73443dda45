#include "core/slo_plan.hpp"

#include <array>
#include <utility>

namespace ckpt {
namespace {

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<RestoreRule, std::string_view>, 3> kRestoreRules{{
    {RestoreRule::data_check_fails, "data_check_fails"},
    {RestoreRule::still_failing, "still_failing"},
    {RestoreRule::never, "never"},
}};

constexpr std::array<std::pair<ErrorRule, std::string_view>, 3> kErrorRules{{
    {ErrorRule::pause, "pause"},
    {ErrorRule::flag_off, "flag_off"},
    {ErrorRule::restore, "restore"},
}};

struct ProviderKind {
  std::string_view operator()(const PrometheusQuery&) const { return "prometheus"; }
  std::string_view operator()(const HttpProbe&) const { return "http"; }
  std::string_view operator()(const SqlProbe&) const { return "sql"; }
};

}  // namespace

std::string_view provider_kind(const ProviderSpec& provider) {
  return std::visit(ProviderKind{}, provider);
}

std::string_view to_string(RestoreRule rule) {
  return name_of(kRestoreRules, rule);
}
std::optional<RestoreRule> restore_rule_from(std::string_view text) {
  return value_of(kRestoreRules, text);
}
std::string_view to_string(ErrorRule rule) {
  return name_of(kErrorRules, rule);
}
std::optional<ErrorRule> error_rule_from(std::string_view text) {
  return value_of(kErrorRules, text);
}

}  // namespace ckpt
