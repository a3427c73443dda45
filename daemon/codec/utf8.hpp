// UTF-8 as RFC 3629 defines it, for text that comes from outside: no overlong forms, no
// surrogates (U+D800..U+DFFF), nothing past U+10FFFF, no truncated sequences. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ckpt::codec {

// The offset of the first byte that does not begin (or correctly continue) a character;
// nullopt when all of `text` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// character (for valid UTF-8; other bytes count as characters of their own).
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// `text` with every byte that is not part of a valid character replaced by U+FFFD, so
// that it can go into a JSON document or a log line as it is.
std::string valid_utf8(std::string_view text);

}  // namespace ckpt::codec
