#include "net/body_excerpt.hpp"

#include "core/utf8.hpp"

namespace ckpt::net {
namespace {

void append_escaped(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  switch (c) {
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    default:
      break;
  }
  if (byte < 0x20U || byte == 0x7FU) {
    constexpr std::string_view kHex = "0123456789abcdef";
    out += "\\x";
    out += kHex[byte >> 4U];
    out += kHex[byte & 0x0FU];
    return;
  }
  out += c;
}

}  // namespace

std::string quoted_excerpt(std::string_view text) {
  const std::string valid = valid_utf8(utf8_prefix(text, kMaxExcerptBytes));
  std::string out = "\"";
  for (const char c : valid) append_escaped(out, c);
  out += '"';
  if (text.size() > kMaxExcerptBytes) out += "…(" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string body_excerpt(std::string_view body) {
  return body.empty() ? "an empty body" : quoted_excerpt(body);
}

}  // namespace ckpt::net
