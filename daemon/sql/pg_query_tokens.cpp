#include "sql/pg_query_tokens.hpp"

#include <cstdint>

namespace ckpt::sql {
namespace {

// pg_query.proto: message ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
// message ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }
constexpr std::uint64_t kTokensField = 2;
constexpr std::uint64_t kStartField = 1;
constexpr std::uint64_t kEndField = 2;
constexpr std::uint64_t kTokenField = 4;
constexpr int kSemicolon = 59;    // Token ASCII_59
constexpr int kSqlComment = 275;  // Token SQL_COMMENT: -- ...
constexpr int kCComment = 276;    // Token C_COMMENT: /* ... */
// PostgreSQL's scanner's whitespace (scan.l: space [ \t\n\r\f\v]).
constexpr std::string_view kWhitespace = " \t\n\r\f\v";

enum class WireType : std::uint64_t { varint = 0, fixed64 = 1, length_delimited = 2, fixed32 = 5 };

// Just enough of the protobuf wire format for the two messages above.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : bytes_(bytes) {}

  bool done() const { return pos_ >= bytes_.size(); }

  std::optional<std::uint64_t> varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return std::nullopt;
      const auto byte = static_cast<unsigned char>(bytes_[pos_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
      if ((byte & 0x80U) == 0) return value;
    }
    return std::nullopt;
  }

  std::optional<std::string_view> bytes(std::uint64_t length) {
    if (length > bytes_.size() - pos_) return std::nullopt;
    const std::string_view out = bytes_.substr(pos_, static_cast<std::size_t>(length));
    pos_ += static_cast<std::size_t>(length);
    return out;
  }

  // Skips a field's value of `type`; false when the type is unknown or the input ends.
  bool skip(WireType type) {
    switch (type) {
      case WireType::varint:
        return varint().has_value();
      case WireType::fixed64:
        return bytes(8).has_value();
      case WireType::fixed32:
        return bytes(4).has_value();
      case WireType::length_delimited: {
        const auto length = varint();
        return length && bytes(*length);
      }
    }
    return false;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

struct DecodedToken {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t token = 0;
};

std::optional<DecodedToken> decode_token(std::string_view message) {
  WireReader reader(message);
  DecodedToken out;
  while (!reader.done()) {
    const auto key = reader.varint();
    if (!key) return std::nullopt;
    const std::uint64_t field = *key >> 3U;
    const auto type = static_cast<WireType>(*key & 7U);
    if (type == WireType::varint && (field == kStartField || field == kEndField || field == kTokenField)) {
      const auto value = reader.varint();
      if (!value) return std::nullopt;
      if (field == kStartField) out.start = *value;
      if (field == kEndField) out.end = *value;
      if (field == kTokenField) out.token = *value;
    } else if (!reader.skip(type)) {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

bool ScannedToken::is_comment() const {
  return kind == kSqlComment || kind == kCComment;
}
bool ScannedToken::is_semicolon() const {
  return kind == kSemicolon;
}

std::optional<std::vector<ScannedToken>> decode_scan_result(std::string_view protobuf, std::size_t text_size) {
  WireReader reader(protobuf);
  std::vector<ScannedToken> tokens;
  while (!reader.done()) {
    const auto key = reader.varint();
    if (!key) return std::nullopt;
    const std::uint64_t field = *key >> 3U;
    const auto type = static_cast<WireType>(*key & 7U);
    if (field == kTokensField && type == WireType::length_delimited) {
      const auto length = reader.varint();
      if (!length) return std::nullopt;
      const auto message = reader.bytes(*length);
      if (!message) return std::nullopt;
      const auto token = decode_token(*message);
      if (!token || token->start > token->end || token->end > text_size || token->token > 0xFFFF) {
        return std::nullopt;
      }
      tokens.push_back(
          ScannedToken{TokenSpan{static_cast<std::size_t>(token->start), static_cast<std::size_t>(token->end)},
                       static_cast<int>(token->token)});
    } else if (!reader.skip(type)) {
      return std::nullopt;
    }
  }
  return tokens;
}

std::vector<TokenSpan> statement_tokens(const std::vector<ScannedToken>& tokens, std::string_view text) {
  std::vector<TokenSpan> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_comment()) continue;
    TokenSpan span = tokens[i].span;
    const std::size_t next = i + 1 < tokens.size() ? tokens[i + 1].span.start : text.size();
    if (next > span.end && next <= text.size()) {
      const std::string_view gap = text.substr(span.end, next - span.end);
      if (gap.find_first_not_of(kWhitespace) != std::string_view::npos) {
        span.end = span.start + text.substr(span.start, next - span.start).find_last_not_of(kWhitespace) + 1;
      }
    }
    out.push_back(span);
  }
  return out;
}

TokenRun longest_token_run(const std::vector<ScannedToken>& tokens) {
  TokenRun longest;
  TokenRun current;
  for (const ScannedToken& token : tokens) {
    if (token.is_comment()) continue;
    if (token.is_semicolon()) {
      current = TokenRun{};
      continue;
    }
    if (current.tokens == 0) current.start = token.span.start;
    ++current.tokens;
    if (current.tokens > longest.tokens) longest = current;
  }
  return longest;
}

}  // namespace ckpt::sql
