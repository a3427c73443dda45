#include "codec/migration_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <limits>

#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "core/time_format.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::strings_to_json;
using codec::FieldReader;
using codec::Presence;

constexpr ErrorCode kDecodeError = ErrorCode::internal;
constexpr std::uint64_t kMaxInt = std::numeric_limits<int>::max();

json::object to_json(const StatementRun& run) {
  json::object out{{"line", run.line}, {"command", run.command}};
  if (run.rows) out["rows"] = *run.rows;
  out["duration_seconds"] = run.duration_seconds;
  out["notices"] = strings_to_json(run.notices);
  return out;
}

json::object to_json(const StepRun& step) {
  json::object out{{"file", step.file}, {"sha256", step.sha256}, {"started_at", format_rfc3339(step.started_at)}};
  if (step.finished_at) out["finished_at"] = format_rfc3339(*step.finished_at);
  out["applied"] = step.applied;
  json::array statements;
  for (const auto& run : step.statements) statements.emplace_back(to_json(run));
  out["statements"] = std::move(statements);
  return out;
}

Result<StatementRun> decode_statement_run(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  StatementRun run;
  run.line = static_cast<int>(in.required_unsigned("line", kMaxInt));
  run.command = in.required_string("command");
  constexpr auto kMaxRows = static_cast<std::uint64_t>(std::numeric_limits<long long>::max());
  if (auto rows = in.optional_unsigned("rows", kMaxRows)) run.rows = static_cast<long long>(*rows);
  run.duration_seconds = in.optional_number("duration_seconds").value_or(0);
  run.notices = in.string_items("notices", Presence::required);
  return in.finish(std::move(run));
}

Result<StepRun> decode_step_run(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  StepRun step;
  step.file = in.required_string("file");
  step.sha256 = in.required_string("sha256");
  step.started_at = in.required_time("started_at");
  step.finished_at = in.optional_time("finished_at");
  step.applied = in.required_bool("applied");
  step.statements = in.object_items<StatementRun>("statements", Presence::required, &decode_statement_run);
  return in.finish(std::move(step));
}

Result<MigrationFailure> decode_failure(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  MigrationFailure failure;
  failure.file = in.optional_string("file");
  failure.line = static_cast<int>(in.required_unsigned("line", kMaxInt));
  failure.sqlstate = in.optional_string("sqlstate");
  failure.message = in.required_string("message");
  failure.position = static_cast<int>(in.required_unsigned("position", kMaxInt));
  return in.finish(std::move(failure));
}

}  // namespace

std::string statement_runs_to_text(const std::vector<StatementRun>& runs) {
  json::array items;
  for (const auto& run : runs) items.emplace_back(to_json(run));
  return json::serialize(items);
}

Result<std::vector<StatementRun>> statement_runs_from_text(std::string_view text) {
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec) return make_error(kDecodeError, "history evidence is not valid JSON: " + ec.message());
  json::object holder{{"statements", std::move(parsed)}};
  FieldReader in{holder, "evidence", kDecodeError};
  auto runs = in.object_items<StatementRun>("statements", Presence::required, &decode_statement_run);
  return in.finish(std::move(runs));
}

json::object to_json(const MigrationFailure& failure) {
  json::object out;
  if (!failure.file.empty()) out["file"] = failure.file;
  out["line"] = failure.line;
  if (!failure.sqlstate.empty()) out["sqlstate"] = failure.sqlstate;
  out["message"] = failure.message;
  out["position"] = failure.position;
  return out;
}

json::object to_json(const MigrationRecord& record) {
  json::object out{{"kind", record.kind}, {"started_at", format_rfc3339(record.started_at)}};
  if (record.finished_at) out["finished_at"] = format_rfc3339(*record.finished_at);
  json::array steps;
  for (const auto& step : record.steps) steps.emplace_back(to_json(step));
  out["steps"] = std::move(steps);
  out["command"] = strings_to_json(record.command);
  if (record.exit_code) out["exit_code"] = *record.exit_code;
  if (!record.signal.empty()) out["signal"] = record.signal;
  if (!record.output.empty()) out["output"] = record.output;
  if (record.failure) out["failure"] = to_json(*record.failure);
  return out;
}

Result<MigrationRecord> migration_record_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  MigrationRecord record;
  record.kind = in.required_string("kind");
  record.started_at = in.required_time("started_at");
  record.finished_at = in.optional_time("finished_at");
  record.steps = in.object_items<StepRun>("steps", Presence::required, &decode_step_run);
  record.command = in.string_items("command", Presence::required);
  if (auto code = in.optional_unsigned("exit_code", kMaxInt)) record.exit_code = static_cast<int>(*code);
  record.signal = in.optional_string("signal");
  record.output = in.optional_string("output");
  if (const json::object* failure = in.object_field("failure", Presence::optional)) {
    record.failure = in.take(decode_failure(*failure, in.path_of("failure")));
  }
  return in.finish(std::move(record));
}

}  // namespace ckpt
