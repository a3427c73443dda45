// Splits an SLO condition (core/condition.hpp) into tokens, each with its byte offset.
// Numbers are decimal: 12, 0.95, .5, 1e-3, 1_000. `and`, `or` and `not` come out as the
// tokens of &&, || and !. Strings, `=`, `&`, `|` and other characters the language does
// not have are errors that name their column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::condition_lexer {

enum class TokenKind : std::uint8_t {
  end,
  number,
  identifier,
  hash,
  left_paren,
  right_paren,
  left_bracket,
  right_bracket,
  left_brace,
  right_brace,
  comma,
  plus,
  minus,
  star,
  slash,
  bang,         // ! or not
  and_and,      // && or and
  or_or,        // || or or
  equal_equal,  // ==
  bang_equal,   // !=
  less,
  less_equal,
  greater,
  greater_equal,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::size_t offset = 0;
  std::string_view text;  // as written; empty for `end`
  double number = 0;      // for `number`
};

// The tokens of `text`, the last one `end` (at offset text.size()).
Result<std::vector<Token>> tokenize(std::string_view text);

// How a message names a token: "end of input", "number 12", "'foo'", "')'".
std::string describe(const Token& token);

}  // namespace ckpt::condition_lexer
