#include "sql/sql_classifier.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/statement_rules.hpp"
#include "core/utf8.hpp"
#include "sql/pg_query_adapter.hpp"
#include "sql/pg_query_calls.hpp"
#include "sql/pg_query_tokens.hpp"
#include "sql/source_position.hpp"

namespace ckpt::sql {
namespace {

// The parser thread's stack: a base plus a bound per token of the longest statement.
// libpg_query's tree writer uses 100-200 bytes per tree level (measured on 15-4 with
// chains of operators, casts, COLLATE, UNION and JOIN), and a level takes a token at
// least. Only the pages a parse touches are committed.
constexpr std::size_t kBaseStackBytes = std::size_t{8} << 20U;
constexpr std::size_t kStackBytesPerToken = 512;
constexpr std::size_t kMaxStatementTokens = 2'000'000;  // at most ~1 GiB of stack

std::string located(std::string_view file_name, SourcePosition position, std::string_view message) {
  return std::string(file_name) + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": " +
         std::string(message);
}

Error rejected(std::string_view file_name, const SourcePositions& positions, const PgFailure& failure) {
  if (failure.cursor_position <= 0) {
    return make_error(ErrorCode::bad_request, std::string(file_name) + ": " + failure.message);
  }
  return make_error(ErrorCode::bad_request,
                    located(file_name, positions.of_character(failure.cursor_position), failure.message));
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

  auto scanned = scan_sql(text);
  if (!scanned) return prefixed(file_name, std::move(scanned).error());
  if (const auto* failure = std::get_if<PgFailure>(&*scanned)) return rejected(file_name, positions, *failure);
  const auto& scanned_tokens = std::get<std::vector<ScannedToken>>(*scanned);
  const std::vector<TokenSpan> tokens = statement_tokens(scanned_tokens, text);
  if (tokens.empty()) return std::vector<ClassifiedStatement>{};  // only comments and whitespace

  const TokenRun longest = longest_token_run(scanned_tokens);
  if (longest.tokens > kMaxStatementTokens) {
    return make_error(ErrorCode::bad_request, located(file_name, positions.of_byte(longest.start),
                                                      "a statement of " + std::to_string(longest.tokens) +
                                                          " tokens is too long to classify (at most " +
                                                          std::to_string(kMaxStatementTokens) + ")"));
  }
  auto parsed = parse_sql(text, kBaseStackBytes + longest.tokens * kStackBytesPerToken);
  if (!parsed) return prefixed(file_name, std::move(parsed).error());
  if (const auto* failure = std::get_if<PgFailure>(&*parsed)) return rejected(file_name, positions, *failure);
  auto statements = statements_from_parse_tree(std::get<std::string>(*parsed));
  if (!statements) return prefixed(file_name, std::move(statements).error());

  std::vector<ClassifiedStatement> out;
  out.reserve(statements->size());
  auto next = tokens.begin();
  for (ParsedStatement& statement : *statements) {
    const std::size_t region_end =
        statement.length ? std::min(text.size(), statement.location + *statement.length) : text.size();
    // The statement's first and last tokens inside its region: the comments and
    // whitespace around it, and its ';', are left out.
    const auto first =
        std::lower_bound(next, tokens.end(), statement.location,
                         [](const TokenSpan& token, std::size_t offset) { return token.start < offset; });
    if (first == tokens.end() || first->end > region_end) {
      return make_error(ErrorCode::internal,
                        located(file_name, positions.of_byte(statement.location), "a statement without tokens"));
    }
    auto last = first;
    while (std::next(last) != tokens.end() && std::next(last)->end <= region_end) ++last;
    next = std::next(last);

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
