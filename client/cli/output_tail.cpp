#include "cli/output_tail.hpp"

namespace ckpt::cli {
namespace {

// Length of the valid UTF-8 sequence at the start of `bytes`, 0 if there is none.
std::size_t sequence_length(std::string_view bytes) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80U) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;   // no overlong forms
    if (lead == 0xEDU) high = 0x9FU;  // no surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;  // not above U+10FFFF
  } else {
    return 0;
  }
  if (bytes.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80U || byte(i) > 0xBFU) return 0;
  }
  return length;
}

}  // namespace

std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  while (!bytes.empty()) {
    const std::size_t length = sequence_length(bytes);
    if (length == 0) {
      out += '?';
      bytes.remove_prefix(1);
    } else {
      out.append(bytes.substr(0, length));
      bytes.remove_prefix(length);
    }
  }
  return out;
}

OutputTail::OutputTail(std::size_t limit) : limit_(limit) {}

void OutputTail::append(std::string_view bytes) {
  total_ += bytes.size();
  kept_.append(bytes);
  // Trim only once twice the needed size piled up, so appending stays linear.
  const std::size_t needed = limit_ + 1;
  if (kept_.size() > 2 * needed) kept_.erase(0, kept_.size() - needed);
}

std::string OutputTail::text() const {
  if (kept_.size() <= limit_) return valid_utf8(kept_);
  std::string_view tail{kept_};
  tail.remove_prefix(kept_.size() - limit_);
  const bool cut_inside_a_line = kept_[kept_.size() - limit_ - 1] != '\n';
  if (cut_inside_a_line) {
    const auto newline = tail.find('\n');
    if (newline != std::string_view::npos && newline + 1 < tail.size()) tail.remove_prefix(newline + 1);
  }
  return valid_utf8(tail);
}

}  // namespace ckpt::cli
