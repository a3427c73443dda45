// Fuzzes the SQL classifier (sql/sql_classifier.hpp): any bytes as a migration file.
// classify_sql must return statements or a bad_request naming the file, never crash or
// hang; every statement must be a trimmed, non-empty piece of the input, in order, with
// a 1-based position, a command, a rule and a reason.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "sql/sql_classifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto statements = ckpt::sql::classify_sql(text, "fuzz.sql");
  if (!statements.ok()) {
    const auto& error = statements.error();
    if (error.code != ckpt::ErrorCode::bad_request || !error.message.starts_with("fuzz.sql:")) std::abort();
    return 0;
  }
  std::pair<int, int> previous{0, 0};
  std::size_t search_from = 0;
  for (const auto& statement : *statements) {
    const std::string_view piece = statement.text;
    if (piece.empty() || std::isspace(static_cast<unsigned char>(piece.front())) != 0 ||
        std::isspace(static_cast<unsigned char>(piece.back())) != 0) {
      std::abort();
    }
    const std::size_t found = text.find(piece, search_from);
    if (found == std::string_view::npos) std::abort();
    search_from = found + piece.size();
    const std::pair<int, int> position{statement.line, statement.column};
    if (statement.line < 1 || statement.column < 1 || position <= previous) std::abort();
    previous = position;
    const auto& verdict = statement.verdict;
    if (statement.command.empty() || verdict.rule.empty() || verdict.reason.empty()) std::abort();
    if (ckpt::statement_class_from(ckpt::to_string(verdict.statement_class)) != verdict.statement_class) std::abort();
  }
  return 0;
}
