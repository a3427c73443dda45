// Where each token of a SQL text starts and ends, from PostgreSQL's own scanner
// (libpg_query's pg_query_scan), comments left out. The classifier uses the spans to cut
// a statement's text without its leading and trailing comments and whitespace.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::sql {

struct TokenSpan {
  std::size_t start = 0;  // byte offset of the first byte
  std::size_t end = 0;    // byte offset just past the last byte
};

// The non-comment tokens of `sql`, in order. An error when the scanner rejects the text.
Result<std::vector<TokenSpan>> scan_tokens(const std::string& sql);

struct ScannedToken {
  TokenSpan span;
  bool comment = false;  // -- ... or /* ... */
};

// Reads libpg_query's ScanResult protobuf message (pg_query.proto: ScanResult, ScanToken)
// for a text of `text_size` bytes; nullopt when it is malformed or a span lies outside.
std::optional<std::vector<ScannedToken>> decode_scan_result(std::string_view protobuf, std::size_t text_size);

// The non-comment tokens with their ends repaired: libpg_query 15-4 reports U&'...' and
// U&"..." tokens too short (even empty), so a token whose end is followed by anything
// but whitespace before the next token extends to that token, less the whitespace.
std::vector<TokenSpan> statement_tokens(const std::vector<ScannedToken>& tokens, std::string_view text);

}  // namespace ckpt::sql
