#include "slo/json_pointer.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "slo/json_kind.hpp"

namespace ckpt::slo {
namespace {

namespace json = boost::json;

Error pointer_error(std::string message) {
  return make_error(ErrorCode::bad_request, std::move(message));
}

std::string quoted(std::string_view text) {
  return "\"" + std::string{text} + "\"";
}

// The escape starting at the '~' at `tilde`, as written: the '~' and the whole character
// after it (none at the end of the pointer).
std::string_view escape_at(std::string_view pointer, std::size_t tilde) {
  std::size_t end = std::min(tilde + 2, pointer.size());
  while (end < pointer.size() && is_utf8_continuation(static_cast<unsigned char>(pointer[end]))) ++end;
  return pointer.substr(tilde, end - tilde);
}

// Where a pointer's prefix leads: "the document" or "the value at \"/a/b\"".
std::string place(std::string_view prefix) {
  return prefix.empty() ? "the document" : "the value at " + quoted(prefix);
}

// The unescaped reference tokens of `pointer`, or why it is not a JSON pointer.
Result<std::vector<std::string>> reference_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (!pointer.starts_with('/')) {
    return pointer_error("JSON pointer " + quoted(pointer) + " must be empty or start with '/'");
  }
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::exchange(token, {}));
      continue;
    }
    if (pointer[i] != '~') {
      token += pointer[i];
      continue;
    }
    const char escaped = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
    if (escaped != '0' && escaped != '1') {
      return pointer_error("JSON pointer " + quoted(pointer) + " has an invalid escape " +
                           quoted(escape_at(pointer, i)) + ": write ~0 for '~' and ~1 for '/'");
    }
    token += escaped == '0' ? '~' : '/';
    ++i;
  }
  return tokens;
}

// An array index as RFC 6901 writes it: "0", or digits without a leading zero.
std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
  std::size_t index = 0;
  const auto* end = token.data() + token.size();
  const auto [stop, ec] = std::from_chars(token.data(), end, index);
  if (ec != std::errc{} || stop != end) return std::nullopt;
  return index;
}

}  // namespace

Result<const json::value*> resolve_json_pointer(const json::value& document, std::string_view pointer) {
  auto tokens = reference_tokens(pointer);
  if (!tokens) return std::move(tokens).error();
  const json::value* current = &document;
  std::size_t consumed = 0;  // bytes of `pointer` that led to `current`
  for (const auto& token : *tokens) {
    const auto next_separator = pointer.find('/', consumed + 1);
    const std::string_view parent = pointer.substr(0, consumed);
    const auto nothing = [&](const std::string& why) {
      return pointer_error("nothing at JSON pointer " + quoted(pointer) + ": " + why);
    };
    if (const auto* object = current->if_object()) {
      current = object->if_contains(token);
      if (current == nullptr) return nothing(place(parent) + " is an object without field " + quoted(token));
    } else if (const auto* array = current->if_array()) {
      const auto index = array_index(token);
      if (!index) {
        return nothing(place(parent) + " is an array, and " + quoted(token) + " is not an index");
      }
      if (*index >= array->size()) {
        return nothing(place(parent) + " is " + json_kind_phrase(*current));
      }
      current = &(*array)[*index];
    } else {
      return nothing(place(parent) + " is " + json_kind_phrase(*current));
    }
    consumed = next_separator == std::string_view::npos ? pointer.size() : next_separator;
  }
  return current;
}

}  // namespace ckpt::slo
