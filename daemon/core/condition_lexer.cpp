#include "core/condition_lexer.hpp"

#include <array>
#include <charconv>
#include <cstdio>

#include "core/condition_tree.hpp"

namespace ckpt::condition_lexer {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_part(char c) {
  return is_identifier_start(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct Symbol {
  std::string_view spelling;
  TokenKind kind;
};

// Two-character symbols first so that "<=" is not read as "<" then "=".
constexpr std::array kSymbols{
    Symbol{"&&", TokenKind::and_and},      Symbol{"||", TokenKind::or_or},      Symbol{"==", TokenKind::equal_equal},
    Symbol{"!=", TokenKind::bang_equal},   Symbol{"<=", TokenKind::less_equal}, Symbol{">=", TokenKind::greater_equal},
    Symbol{"(", TokenKind::left_paren},    Symbol{")", TokenKind::right_paren}, Symbol{"[", TokenKind::left_bracket},
    Symbol{"]", TokenKind::right_bracket}, Symbol{"{", TokenKind::left_brace},  Symbol{"}", TokenKind::right_brace},
    Symbol{",", TokenKind::comma},         Symbol{"+", TokenKind::plus},        Symbol{"-", TokenKind::minus},
    Symbol{"*", TokenKind::star},          Symbol{"/", TokenKind::slash},       Symbol{"!", TokenKind::bang},
    Symbol{"<", TokenKind::less},          Symbol{">", TokenKind::greater},     Symbol{"#", TokenKind::hash},
};

Error error_at(std::string_view text, std::size_t offset, const std::string& message) {
  return make_error(ErrorCode::bad_request, condition_tree::position_of(text, offset) + ": " + message);
}

std::string quote_character(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "0x%02X", static_cast<unsigned>(byte));
  return std::string("byte ") + buffer.data();
}

// A run of digits with single underscores between them; false if an underscore is not
// between two digits. Advances `pos` past the run.
bool scan_digits(std::string_view text, std::size_t& pos, std::string& digits) {
  bool previous_was_digit = false;
  while (pos < text.size() && (is_digit(text[pos]) || text[pos] == '_')) {
    if (text[pos] == '_') {
      if (!previous_was_digit || pos + 1 >= text.size() || !is_digit(text[pos + 1])) return false;
      previous_was_digit = false;
    } else {
      digits.push_back(text[pos]);
      previous_was_digit = true;
    }
    ++pos;
  }
  return true;
}

Result<Token> scan_number(std::string_view text, std::size_t start) {
  std::size_t pos = start;
  std::string digits;
  bool ok = scan_digits(text, pos, digits);
  if (ok && pos < text.size() && text[pos] == '.') {
    digits.push_back('.');
    ++pos;
    ok = scan_digits(text, pos, digits);
    if (digits.back() == '.') digits.push_back('0');  // "1." reads as 1.0, as in expr
  }
  if (ok && pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    digits.push_back('e');
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) digits.push_back(text[pos++]);
    const std::size_t exponent_start = digits.size();
    ok = scan_digits(text, pos, digits) && digits.size() > exponent_start;
  }
  while (pos < text.size() && (is_identifier_part(text[pos]) || text[pos] == '.')) {
    ok = false;
    ++pos;
  }
  const std::string_view spelling = text.substr(start, pos - start);
  if (!ok) return error_at(text, start, "malformed number '" + std::string(spelling) + "'");
  if (digits.front() == '.') digits.insert(digits.begin(), '0');
  double value = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (parsed.ec == std::errc::result_out_of_range) {
    return error_at(text, start, "number '" + std::string(spelling) + "' is out of range");
  }
  if (parsed.ec != std::errc{} || parsed.ptr != digits.data() + digits.size()) {
    return error_at(text, start, "malformed number '" + std::string(spelling) + "'");
  }
  return Token{TokenKind::number, start, spelling, value};
}

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (is_space(c)) {
      ++pos;
      continue;
    }
    if (is_digit(c) || (c == '.' && pos + 1 < text.size() && is_digit(text[pos + 1]))) {
      auto number = scan_number(text, pos);
      if (!number) return std::move(number).error();
      pos += number->text.size();
      tokens.push_back(*number);
      continue;
    }
    if (is_identifier_start(c)) {
      const std::size_t start = pos;
      while (pos < text.size() && is_identifier_part(text[pos])) ++pos;
      const std::string_view word = text.substr(start, pos - start);
      TokenKind kind = TokenKind::identifier;
      if (word == "and") kind = TokenKind::and_and;
      if (word == "or") kind = TokenKind::or_or;
      if (word == "not") kind = TokenKind::bang;
      tokens.push_back(Token{kind, start, word, 0});
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      return error_at(text, pos, "strings are not supported: a result is a number or a list of numbers");
    }
    const Symbol* symbol = nullptr;
    for (const auto& candidate : kSymbols) {
      if (text.substr(pos, candidate.spelling.size()) == candidate.spelling) {
        symbol = &candidate;
        break;
      }
    }
    if (symbol == nullptr) {
      if (c == '=') return error_at(text, pos, "unexpected '=': compare with '=='");
      if (c == '&') return error_at(text, pos, "unexpected '&': 'and' is '&&'");
      if (c == '|') return error_at(text, pos, "unexpected '|': 'or' is '||'");
      return error_at(text, pos, "unexpected character " + quote_character(c));
    }
    tokens.push_back(Token{symbol->kind, pos, text.substr(pos, symbol->spelling.size()), 0});
    pos += symbol->spelling.size();
  }
  tokens.push_back(Token{TokenKind::end, text.size(), {}, 0});
  return tokens;
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::end:
      return "end of input";
    case TokenKind::number:
      return "number " + std::string(token.text);
    default:
      return "'" + std::string(token.text) + "'";
  }
}

}  // namespace ckpt::condition_lexer
