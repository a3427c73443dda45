#include "sql/pg_query_calls.hpp"

#include <pg_query.h>
#include <pthread.h>

#include <cstring>
#include <optional>
#include <utility>

namespace ckpt::sql {
namespace {

PgFailure failure_of(const PgQueryError& error) {
  return PgFailure{error.message != nullptr ? error.message : "syntax error", error.cursorpos};
}

struct ParseJob {
  const std::string* sql = nullptr;
  std::variant<std::string, PgFailure> outcome;
};

void* run_parse(void* argument) {
  auto* job = static_cast<ParseJob*>(argument);
  PgQueryParseResult result = pg_query_parse(job->sql->c_str());
  if (result.error != nullptr) {
    job->outcome = failure_of(*result.error);
  } else {
    job->outcome = std::string(result.parse_tree != nullptr ? result.parse_tree : "");
  }
  pg_query_free_parse_result(result);
  return nullptr;
}

// Runs `routine(argument)` on a new thread with `stack_bytes` of stack and waits for it.
std::optional<std::string> run_on_thread(std::size_t stack_bytes, void* (*routine)(void*), void* argument) {
  pthread_attr_t attributes;
  if (const int rc = pthread_attr_init(&attributes); rc != 0) return std::string(std::strerror(rc));
  int rc = pthread_attr_setstacksize(&attributes, stack_bytes);
  pthread_t thread{};
  if (rc == 0) rc = pthread_create(&thread, &attributes, routine, argument);
  pthread_attr_destroy(&attributes);
  if (rc != 0) return std::string(std::strerror(rc));
  if (const int joined = pthread_join(thread, nullptr); joined != 0) return std::string(std::strerror(joined));
  return std::nullopt;
}

}  // namespace

Result<std::variant<std::vector<ScannedToken>, PgFailure>> scan_sql(const std::string& sql) {
  PgQueryScanResult result = pg_query_scan(sql.c_str());
  std::variant<std::vector<ScannedToken>, PgFailure> outcome;
  bool readable = true;
  if (result.error != nullptr) {
    outcome = failure_of(*result.error);
  } else {
    const std::string_view protobuf =
        result.pbuf.data != nullptr ? std::string_view(result.pbuf.data, result.pbuf.len) : std::string_view();
    auto tokens = decode_scan_result(protobuf, sql.size());
    readable = tokens.has_value();
    if (tokens) outcome = std::move(*tokens);
  }
  pg_query_free_scan_result(result);
  if (!readable) return make_error(ErrorCode::internal, "cannot read libpg_query's scan result");
  return outcome;
}

Result<std::variant<std::string, PgFailure>> parse_sql(const std::string& sql, std::size_t stack_bytes) {
  ParseJob job;
  job.sql = &sql;
  if (auto problem = run_on_thread(stack_bytes, &run_parse, &job)) {
    return make_error(ErrorCode::internal, "cannot start the SQL parser's thread: " + *problem);
  }
  return std::move(job.outcome);
}

}  // namespace ckpt::sql
