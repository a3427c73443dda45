#include "codec/echoed_text.hpp"

#include "codec/utf8.hpp"

namespace ckpt::codec {

std::string echoed(std::string_view text) {
  if (text.size() <= kMaxEchoedBytes) return std::string(text);
  return std::string(utf8_prefix(text, kMaxEchoedBytes)) + "…(" + std::to_string(text.size()) + " bytes)";
}

}  // namespace ckpt::codec
