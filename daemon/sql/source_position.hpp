// Where a byte or a character of a SQL file is, as a person reads it: 1-based line and
// column, the column counted in characters (UTF-8 code points), so that "é" is one
// column.
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
