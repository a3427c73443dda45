// The tokens of a SQL text as PostgreSQL's own scanner sees them (libpg_query's
// pg_query_scan result, decoded here): where each starts and ends and what it is. The
// classifier uses them to cut a statement's text without the comments and whitespace
// around it, and to bound how deep a statement's parse tree can be. Pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace ckpt::sql {

struct TokenSpan {
  std::size_t start = 0;  // byte offset of the first byte
  std::size_t end = 0;    // byte offset just past the last byte
};

struct ScannedToken {
  TokenSpan span;
  int kind = 0;  // PostgreSQL's token number (pg_query.proto: Token), e.g. 59 for ';'
  bool is_comment() const;
  bool is_semicolon() const;
};

// Reads libpg_query's ScanResult protobuf message (pg_query.proto: ScanResult, ScanToken)
// for a text of `text_size` bytes; nullopt when it is malformed or a span lies outside.
std::optional<std::vector<ScannedToken>> decode_scan_result(std::string_view protobuf, std::size_t text_size);

// The non-comment tokens with their ends repaired: libpg_query 15-4 reports U&'...' and
// U&"..." tokens too short (even empty), so a token whose end is followed by anything
// but whitespace before the next token extends to that token, less the whitespace.
std::vector<TokenSpan> statement_tokens(const std::vector<ScannedToken>& tokens, std::string_view text);

// The longest run of non-comment tokens between two ';' and where it starts. A parse tree
// cannot be deeper than the tokens of one such run (plus a few levels), which bounds the
// stack libpg_query's recursive tree writer needs.
struct TokenRun {
  std::size_t tokens = 0;
  std::size_t start = 0;  // byte offset of the run's first token
};
TokenRun longest_token_run(const std::vector<ScannedToken>& tokens);

}  // namespace ckpt::sql
