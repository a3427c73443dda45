#include "sql/sql_classifier.hpp"

#include <pg_query.h>

#include <algorithm>
#include <string>
#include <utility>

#include "core/statement_rules.hpp"
#include "sql/pg_query_adapter.hpp"
#include "sql/pg_query_tokens.hpp"
#include "sql/source_position.hpp"

namespace ckpt::sql {
namespace {

struct ParseResultGuard {
  PgQueryParseResult result;
  ~ParseResultGuard() { pg_query_free_parse_result(result); }
};

std::string located(std::string_view file_name, SourcePosition position, std::string_view message) {
  return std::string(file_name) + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) +
         ": " + std::string(message);
}

Error prefixed(std::string_view file_name, Error error) {
  error.message = std::string(file_name) + ": " + error.message;
  return error;
}

}  // namespace

Result<std::vector<ClassifiedStatement>> classify_sql(std::string_view sql, std::string_view file_name) {
  const SourcePositions positions(sql);
  if (const auto nul = sql.find('\0'); nul != std::string_view::npos) {
    return make_error(ErrorCode::bad_request, located(file_name, positions.of_byte(nul), "the text holds a NUL byte"));
  }
  if (const auto invalid = first_invalid_utf8(sql)) {
    return make_error(ErrorCode::bad_request,
                      located(file_name, positions.of_byte(*invalid), "invalid UTF-8 byte sequence"));
  }

  const std::string text(sql);  // libpg_query reads NUL-terminated text
  const ParseResultGuard parsed{pg_query_parse(text.c_str())};
  if (const PgQueryError* error = parsed.result.error; error != nullptr) {
    const std::string_view message = error->message != nullptr ? error->message : "syntax error";
    if (error->cursorpos <= 0) {
      return make_error(ErrorCode::bad_request, std::string(file_name) + ": " + std::string(message));
    }
    return make_error(ErrorCode::bad_request, located(file_name, positions.of_character(error->cursorpos), message));
  }
  auto statements = statements_from_parse_tree(parsed.result.parse_tree != nullptr ? parsed.result.parse_tree : "");
  if (!statements) return prefixed(file_name, std::move(statements).error());
  if (statements->empty()) return std::vector<ClassifiedStatement>{};

  auto tokens = scan_tokens(text);
  if (!tokens) return prefixed(file_name, std::move(tokens).error());

  std::vector<ClassifiedStatement> out;
  out.reserve(statements->size());
  for (ParsedStatement& statement : *statements) {
    const std::size_t region_end =
        statement.length ? std::min(text.size(), statement.location + *statement.length) : text.size();
    // The statement's first and last tokens inside its region: comments and whitespace
    // around it, and its ';', are left out.
    const auto first = std::lower_bound(tokens->begin(), tokens->end(), statement.location,
                                        [](const TokenSpan& token, std::size_t offset) { return token.start < offset; });
    auto last = first;
    for (auto it = first; it != tokens->end() && it->end <= region_end; ++it) last = it;
    if (first == tokens->end() || first->end > region_end) {
      return make_error(ErrorCode::internal,
                        located(file_name, positions.of_byte(statement.location), "a statement without tokens"));
    }
    ClassifiedStatement classified;
    classified.text = text.substr(first->start, last->end - first->start);
    const SourcePosition position = positions.of_byte(first->start);
    classified.line = position.line;
    classified.column = position.column;
    classified.command = statement.view.command;
    classified.needs_own_transaction = needs_own_transaction(statement.view);
    classified.verdict = classify(statement.view);
    out.push_back(std::move(classified));
  }
  return out;
}

}  // namespace ckpt::sql
