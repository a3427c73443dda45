#include "core/statement.hpp"

#include <array>
#include <utility>

namespace ckpt {
namespace {

constexpr std::array<std::pair<StatementClass, std::string_view>, 4> kClassNames{{
    {StatementClass::additive, "additive"},
    {StatementClass::lock_risky, "lock_risky"},
    {StatementClass::unknown, "unknown"},
    {StatementClass::destructive, "destructive"},
}};

}  // namespace

std::string_view to_string(StatementClass value) {
  for (const auto& [candidate, name] : kClassNames) {
    if (candidate == value) return name;
  }
  return "unknown";
}

std::optional<StatementClass> statement_class_from(std::string_view text) {
  for (const auto& [candidate, name] : kClassNames) {
    if (name == text) return candidate;
  }
  return std::nullopt;
}

}  // namespace ckpt
