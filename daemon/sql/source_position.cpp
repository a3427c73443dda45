#include "sql/source_position.hpp"

#include <algorithm>

namespace ckpt::sql {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0U) == 0x80U;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    // The allowed range of the second byte (Unicode table 3-7) excludes overlong forms,
    // surrogates and code points past U+10FFFF.
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      const bool ok = k == 1 ? (byte >= low && byte <= high) : is_continuation(byte);
      if (!ok) return i;
    }
    i += length;
  }
  return std::nullopt;
}

SourcePositions::SourcePositions(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourcePosition SourcePositions::of_byte(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(next_line - line_starts_.begin()) - 1;
  const int line = static_cast<int>(line_index) + 1;
  std::size_t from = line_starts_[line_index];
  int column = 1;
  if (last_position_.line == line && last_offset_ >= from && last_offset_ <= offset) {
    from = last_offset_;
    column = last_position_.column;
  }
  for (std::size_t i = from; i < offset; ++i) {
    if (!is_continuation(static_cast<unsigned char>(text_[i]))) ++column;
  }
  last_offset_ = offset;
  last_position_ = SourcePosition{line, column};
  return last_position_;
}

SourcePosition SourcePositions::of_character(int character) const {
  std::size_t offset = 0;
  for (int seen = 1; seen < character && offset < text_.size(); ++seen) {
    ++offset;
    while (offset < text_.size() && is_continuation(static_cast<unsigned char>(text_[offset]))) ++offset;
  }
  return of_byte(offset);
}

}  // namespace ckpt::sql
