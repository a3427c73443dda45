// Text a caller sent (an id, a request path) quoted back in an error message, bounded:
// at most kMaxEchoedBytes bytes of it, cut at a character boundary, then "…" and its full
// length, e.g. "c1a2b3…(5000 bytes)". Short text is returned as it is, except that bytes
// that are not valid UTF-8 become U+FFFD (the message goes into a JSON body). Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ckpt::codec {

inline constexpr std::size_t kMaxEchoedBytes = 64;

std::string echoed(std::string_view text);

}  // namespace ckpt::codec
