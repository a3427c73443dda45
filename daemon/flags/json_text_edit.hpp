// Edits of JSON text that change one member and leave every other byte as it was:
// indentation, key order, how numbers are written, the other members. A flag file keeps
// its layout, so a person's diff shows one changed line.
// The text must already be known to be valid JSON (codec/strict_json.hpp): the scanner
// does not validate, and answers nullopt rather than a reason when the text is not. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckpt::flags {

struct TextSpan {
  std::size_t begin = 0;  // the value's first byte
  std::size_t end = 0;    // one past its last byte
};

// The value reached from the top-level object through members with these names (keys
// compared unescaped); the whole document for an empty path; nullopt when a step is
// missing or is not an object.
std::optional<TextSpan> find_member_value(std::string_view json, const std::vector<std::string>& path);

// The text with the span replaced by `replacement`.
std::string with_span_replaced(std::string_view json, TextSpan span, std::string_view replacement);

// The text with the member "key": <value_json> added last to the object at `object`, laid
// out like the object's first member (the same whitespace before it).
std::string with_member_appended(std::string_view json, TextSpan object, std::string_view key,
                                 std::string_view value_json);

}  // namespace ckpt::flags
