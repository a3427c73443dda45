#include "kube/base64.hpp"

#include <cstdint>

namespace ckpt::kube {
namespace {

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size() / 4 * 3);
  std::uint32_t bits = 0;
  int pending = 0;  // sextets in `bits`
  int padding = 0;
  for (const char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = sextet(c);
    if (value < 0 || padding > 0) return std::nullopt;  // a stray character, or data after "="
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++pending == 4) {
      decoded.push_back(static_cast<char>((bits >> 16) & 0xff));
      decoded.push_back(static_cast<char>((bits >> 8) & 0xff));
      decoded.push_back(static_cast<char>(bits & 0xff));
      bits = 0;
      pending = 0;
    }
  }
  if (padding > 2 || pending == 1) return std::nullopt;
  if (padding > 0 && pending + padding != 4) return std::nullopt;
  if (pending == 2) decoded.push_back(static_cast<char>((bits >> 4) & 0xff));
  if (pending == 3) {
    decoded.push_back(static_cast<char>((bits >> 10) & 0xff));
    decoded.push_back(static_cast<char>((bits >> 2) & 0xff));
  }
  return decoded;
}

}  // namespace ckpt::kube
