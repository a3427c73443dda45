// Where a byte or a character of a SQL file is, as a person reads it: 1-based line and
// column, the column counted in characters (UTF-8 code points), so that "é" is one
// column. Also the UTF-8 check the classifier does before handing text to the parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace ckpt::sql {

struct SourcePosition {
  int line = 1;
  int column = 1;
};

// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points past U+10FFFF included); nullopt when the
// whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Positions in one text, which must outlive it. Lines end at '\n'. Remembers its last
// answer, so that asking at increasing offsets along one long line stays linear (and an
// object must not be shared between threads).
class SourcePositions {
 public:
  explicit SourcePositions(std::string_view text);

  // Position of the byte at `offset` (clamped to the end of the text).
  SourcePosition of_byte(std::size_t offset) const;
  // Position of PostgreSQL's error cursor: the 1-based character position in the whole
  // text (PgQueryError::cursorpos). Past the end gives the position after the last one.
  SourcePosition of_character(int character) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  mutable std::size_t last_offset_ = 0;
  mutable SourcePosition last_position_;
};

}  // namespace ckpt::sql
