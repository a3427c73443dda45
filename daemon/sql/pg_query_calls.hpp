// The two calls into libpg_query, with its results always freed: pg_query_scan (tokens)
// and pg_query_parse (the parse tree as JSON). libpg_query writes the tree recursively,
// one stack frame pair per tree level, so the parse runs on its own thread with a stack
// sized by the caller; this also keeps the caller's (possibly small) stack out of it.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "sql/pg_query_tokens.hpp"

namespace ckpt::sql {

// PostgreSQL rejected the text: its message, and where (PgQueryError::cursorpos, a
// 1-based character position in the whole text; 0 when it names none).
struct PgFailure {
  std::string message;
  int cursor_position = 0;
};

// The tokens of `sql`, comments included, or the scanner's failure. An Error
// (ErrorCode::internal) only when libpg_query's answer cannot be read.
Result<std::variant<std::vector<ScannedToken>, PgFailure>> scan_sql(const std::string& sql);

// The parse tree of `sql` as libpg_query's JSON, or the parser's failure, computed on a
// thread with `stack_bytes` of stack. An Error (ErrorCode::internal) when the thread
// cannot be started.
Result<std::variant<std::string, PgFailure>> parse_sql(const std::string& sql, std::size_t stack_bytes);

}  // namespace ckpt::sql
