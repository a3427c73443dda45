#include "codec/echoed_text.hpp"

#include "core/utf8.hpp"

namespace ckpt::codec {

std::string echoed(std::string_view text) {
  if (text.size() <= kMaxEchoedBytes) return valid_utf8(text);
  return valid_utf8(utf8_prefix(text, kMaxEchoedBytes)) + "…(" + std::to_string(text.size()) + " bytes)";
}

}  // namespace ckpt::codec
