// Text from outside (a response body, a URL) quoted in an error message: at most
// kMaxExcerptBytes bytes of it, cut at a character boundary, in double quotes, with
// control characters, quotes and backslashes written as escapes ("\n", "\x1b") and
// invalid UTF-8 as U+FFFD, so that the message stays one line and cannot drive a
// terminal; "…(N bytes)" follows a cut text. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ckpt::net {

inline constexpr std::size_t kMaxExcerptBytes = 200;

std::string quoted_excerpt(std::string_view text);

// quoted_excerpt of a response body; an empty body is "an empty body".
std::string body_excerpt(std::string_view body);

}  // namespace ckpt::net
