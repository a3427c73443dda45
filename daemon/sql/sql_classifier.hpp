// SQL migration files as checkpointd judges them: every statement of a file, in order,
// with where it starts, its command in words, whether it needs its own transaction, and
// its class (core/statement_rules.hpp). PostgreSQL's real parser (libpg_query) reads the
// text; nothing here lexes SQL by hand.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/statement.hpp"

namespace ckpt::sql {

// The statements of `sql` (the contents of `file_name`), in order. Each statement's
// text is trimmed of surrounding comments and whitespace and of its ';'; line and
// column (1-based, the column in characters) are those of its first character. A file
// with only comments gives no statements. Text PostgreSQL rejects (or that is not
// UTF-8, or holds a NUL byte) gives ErrorCode::bad_request with the message
// "<file>:<line>:<column>: <PostgreSQL's message>".
Result<std::vector<ClassifiedStatement>> classify_sql(std::string_view sql, std::string_view file_name);

}  // namespace ckpt::sql
