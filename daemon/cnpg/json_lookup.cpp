#include "cnpg/json_lookup.hpp"

namespace ckpt::cnpg {
namespace {

const boost::json::value* value_at(const boost::json::object* parent, std::string_view key) {
  return parent != nullptr ? parent->if_contains(key) : nullptr;
}

}  // namespace

const boost::json::object* object_at(const boost::json::object* parent, std::string_view key) {
  const auto* value = value_at(parent, key);
  return value != nullptr ? value->if_object() : nullptr;
}

std::string string_at(const boost::json::object* parent, std::string_view key) {
  const auto* value = value_at(parent, key);
  return value != nullptr && value->is_string() ? std::string{value->get_string()} : std::string{};
}

bool bool_at(const boost::json::object* parent, std::string_view key, bool fallback) {
  const auto* value = value_at(parent, key);
  return value != nullptr && value->is_bool() ? value->get_bool() : fallback;
}

}  // namespace ckpt::cnpg
