// UTF-8 as RFC 3629 defines it, for text that comes from outside: no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing past U+10FFFF, no truncated sequences. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ckpt {

// A byte that continues a character (10xxxxxx) rather than starting one.
inline bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// The offset of the first byte that does not begin (or correctly continue) a character;
// nullopt when all of `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// character (for valid UTF-8; other bytes count as characters of their own).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// `text` with every byte that is not part of a valid character replaced by `replacement`
// (U+FFFD; "?" keeps the length in bytes), so that it can go into a JSON document or a
// log line as it is.
std::string valid_utf8(std::string_view text, std::string_view replacement = kReplacementCharacter);

}  // namespace ckpt
