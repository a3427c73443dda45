#include "obs/redact.hpp"

namespace ckpt::obs {

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t longest = 0;
    for (const auto& secret : secrets) {
      if (secret.size() > longest && text.substr(pos, secret.size()) == secret) longest = secret.size();
    }
    if (longest > 0) {
      out += kRedacted;
      pos += longest;
    } else {
      out += text[pos];
      ++pos;
    }
  }
  return out;
}

}  // namespace ckpt::obs
