// The thin adapter from libpg_query's parse tree (the JSON of pg_query_parse) to the
// parser-independent StatementView the classification rules read. It knows the node and
// field names of PostgreSQL's raw parse tree (PostgreSQL 15, libpg_query 15-4); the
// rules do not.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/statement_view.hpp"

namespace ckpt::sql {

struct ParsedStatement {
  // Byte offset where libpg_query's region of the statement starts: just after the
  // previous statement's ';', so leading comments and whitespace are included.
  std::size_t location = 0;
  // Bytes up to (not including) the statement's ';'; nullopt: to the end of the text.
  std::optional<std::size_t> length;
  StatementView view;
};

// Every statement of a parse tree, in order. An error when the JSON is not a parse tree
// (ErrorCode::internal) or nests too deeply to read (ErrorCode::bad_request).
Result<std::vector<ParsedStatement>> statements_from_parse_tree(std::string_view json);

}  // namespace ckpt::sql
