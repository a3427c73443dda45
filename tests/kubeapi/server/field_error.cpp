#include "kubeapi/server/field_error.hpp"

#include <cctype>
#include <utility>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {
namespace {

// The length of the field path ("spec.containers[0].name", "data[bad key]") that starts
// `text` and is followed by ": ", or 0.
std::size_t path_length(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '[') {
      const std::size_t close = text.find(']', at);
      if (close == std::string_view::npos) return 0;
      at = close + 1;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '$') {
      ++at;
    } else {
      break;
    }
  }
  return at > 0 && text.substr(at).starts_with(": ") ? at : 0;
}

FieldError field_error_of(std::string_view text) {
  const std::size_t length = path_length(text);
  if (length == 0) return {"", std::string(text)};
  return {std::string(text.substr(0, length)), std::string(text.substr(length + 2))};
}

}  // namespace

std::string join_field_errors(const std::vector<FieldError>& errors) {
  std::string joined;
  for (const auto& error : errors) {
    if (!joined.empty()) joined += ", ";
    joined += error.to_string();
  }
  return joined;
}

Error invalid_object(std::string_view group_kind, std::string_view name, const std::vector<FieldError>& errors) {
  const std::string joined = join_field_errors(errors);
  return api_error(reason::kInvalid, std::string(group_kind) + " \"" + std::string(name) +
                                         "\" is invalid: " + (errors.size() > 1 ? "[" + joined + "]" : joined));
}

std::optional<InvalidObject> parse_invalid_message(std::string_view group_kind, std::string_view message) {
  const std::string prefix = std::string(group_kind) + " \"";
  constexpr std::string_view kInvalid = "\" is invalid: ";
  const std::size_t name_end = message.find(kInvalid);
  if (!message.starts_with(prefix) || name_end == std::string_view::npos) return std::nullopt;
  InvalidObject invalid{std::string(message.substr(prefix.size(), name_end - prefix.size())), {}};
  std::string_view errors = message.substr(name_end + kInvalid.size());
  if (!(errors.size() > 1 && errors.front() == '[' && errors.back() == ']' && path_length(errors) == 0)) {
    invalid.errors.push_back(field_error_of(errors));
    return invalid;
  }
  errors = errors.substr(1, errors.size() - 2);
  std::size_t start = 0;
  for (std::size_t comma = errors.find(", "); comma != std::string_view::npos; comma = errors.find(", ", comma + 2)) {
    if (path_length(errors.substr(comma + 2)) == 0) continue;
    invalid.errors.push_back(field_error_of(errors.substr(start, comma - start)));
    start = comma + 2;
  }
  invalid.errors.push_back(field_error_of(errors.substr(start)));
  return invalid;
}

std::string_view cause_reason(const FieldError& error) {
  static constexpr std::pair<std::string_view, std::string_view> kReasons[] = {
      {"Required value", "FieldValueRequired"},
      {"Duplicate value", "FieldValueDuplicate"},
      {"Unsupported value", "FieldValueNotSupported"},
      {"Forbidden", "FieldValueForbidden"},
      {"Too long", "FieldValueTooLong"},
      {"Too many", "FieldValueTooMany"}};
  for (const auto& [start, reason] : kReasons) {
    if (error.message.starts_with(start)) return reason;
  }
  return "FieldValueInvalid";
}

}  // namespace ckpt::kubeapi
