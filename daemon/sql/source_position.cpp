#include "sql/source_position.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace ckpt::sql {
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
    if (!is_utf8_continuation(static_cast<unsigned char>(text_[i]))) ++column;
  }
  last_offset_ = offset;
  last_position_ = SourcePosition{line, column};
  return last_position_;
}

SourcePosition SourcePositions::of_character(int character) const {
  std::size_t offset = 0;
  for (int seen = 1; seen < character && offset < text_.size(); ++seen) {
    ++offset;
    while (offset < text_.size() && is_utf8_continuation(static_cast<unsigned char>(text_[offset]))) ++offset;
  }
  return of_byte(offset);
}

}  // namespace ckpt::sql
