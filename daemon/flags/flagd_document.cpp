#include "flags/flagd_document.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "codec/strict_json.hpp"
#include "flags/json_text_edit.hpp"
#include "flags/name_list.hpp"

namespace ckpt::flags {
namespace {

constexpr std::string_view kDefaultVariant = "defaultVariant";

Error document_error(std::string message) {
  return make_error(ErrorCode::engine_error, std::move(message));
}

std::vector<std::string> keys_of(const boost::json::object& object) {
  std::vector<std::string> keys;
  for (const auto& member : object) keys.emplace_back(member.key());
  return keys;
}

// The flag's definition object.
Result<boost::json::object> flag_definition(std::string_view text, std::string_view flag) {
  auto document = codec::parse_strict_json(text, ErrorCode::engine_error);
  if (!document) return document_error("the file " + document.error().message);
  const auto* flags = document->is_object() ? document->get_object().if_contains("flags") : nullptr;
  if (flags == nullptr || !flags->is_object()) return document_error("the file has no \"flags\" object");
  const auto* definition = flags->get_object().if_contains(flag);
  if (definition == nullptr) {
    return make_error(ErrorCode::not_found, "the file has no flag " + std::string(flag) +
                                                " (flags: " + name_list(keys_of(flags->get_object())) + ")");
  }
  if (!definition->is_object()) return document_error("flag " + std::string(flag) + " is not an object");
  return definition->get_object();
}

}  // namespace

Result<bool> flagd_flag_state(std::string_view text, std::string_view flag, OnOffValues variants) {
  auto definition = flag_definition(text, flag);
  if (!definition) return std::move(definition).error();
  const auto* variant = definition->if_contains(kDefaultVariant);
  if (variant == nullptr || variant->is_null()) {
    return document_error("flag " + std::string(flag) + " has no defaultVariant");
  }
  if (!variant->is_string()) return document_error("flag " + std::string(flag) + "'s defaultVariant is not a string");
  return state_of("flag " + std::string(flag) + "'s defaultVariant", variant->get_string(), variants);
}

Result<std::optional<std::string>> with_flagd_flag_state(std::string_view text, std::string_view flag, bool on,
                                                         OnOffValues variants) {
  auto definition = flag_definition(text, flag);
  if (!definition) return std::move(definition).error();
  const std::string_view wanted = variants.value_for(on);
  const auto* listed = definition->if_contains("variants");
  if (listed == nullptr || !listed->is_object()) {
    return document_error("flag " + std::string(flag) + " has no \"variants\" object");
  }
  if (!listed->get_object().contains(wanted)) {
    return document_error("flag " + std::string(flag) + " has no variant \"" + std::string(wanted) +
                          "\" (variants: " + name_list(keys_of(listed->get_object())) + ")");
  }
  const auto* current = definition->if_contains(kDefaultVariant);
  if (current != nullptr && current->is_string() && current->get_string() == wanted) {
    return std::optional<std::string>();
  }
  const std::string variant_json = boost::json::serialize(boost::json::value(wanted));
  const std::vector<std::string> flag_path{"flags", std::string(flag)};
  std::vector<std::string> variant_path = flag_path;
  variant_path.emplace_back(kDefaultVariant);
  if (current != nullptr) {
    if (const auto span = find_member_value(text, variant_path)) {
      return std::optional<std::string>(with_span_replaced(text, *span, variant_json));
    }
  } else if (const auto span = find_member_value(text, flag_path)) {
    return std::optional<std::string>(with_member_appended(text, *span, kDefaultVariant, variant_json));
  }
  return make_error(ErrorCode::internal, "flag " + std::string(flag) + "'s defaultVariant was not found in the text");
}

}  // namespace ckpt::flags
