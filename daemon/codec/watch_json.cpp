#include "codec/watch_json.hpp"

#include <boost/json/array.hpp>
#include <limits>
#include <utility>

#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "core/time_format.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::FieldReader;
using codec::Presence;
using codec::put_if_not_empty;

constexpr ErrorCode kDecodeError = ErrorCode::internal;
constexpr int kMaxInt = std::numeric_limits<int>::max();
constexpr const char* kPhaseNames = "Pending, Running, Successful, Failed, Error, Inconclusive";

void put_time(json::object& out, std::string_view key, const std::optional<TimePoint>& at) {
  if (at) out[key] = format_rfc3339(*at);
}

json::object to_json(const MetricCounts& counts) {
  return json::object{
      {"counted", counts.counted},
      {"successful", counts.successful},
      {"failed", counts.failed},
      {"inconclusive", counts.inconclusive},
      {"errors", counts.errors},
      {"consecutive_errors", counts.consecutive_errors},
      {"consecutive_successes", counts.consecutive_successes},
  };
}

json::object to_json(const MetricHistory& history);

template <typename T>
json::array array_of(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(to_json(item));
  return out;
}

json::object to_json(const MetricHistory& history) {
  return json::object{{"earlier", to_json(history.earlier)}, {"measurements", array_of(history.measurements)}};
}

json::object to_json(const AnalysisRunRecord& run) {
  json::object out{
      {"kind", run.kind},
      {"started_at", format_rfc3339(run.started_at)},
      {"metrics", array_of(run.metrics)},
      {"phase", to_string(run.phase)},
  };
  put_time(out, "ends_at", run.ends_at);
  put_if_not_empty(out, "message", run.message);
  put_time(out, "finished_at", run.finished_at);
  return out;
}

}  // namespace

json::object to_json(const CheckResult& check) {
  return json::object{{"name", check.name}, {"measurement", to_json(check.measurement)}};
}

json::object to_json(const RungRecord& rung) {
  json::object out{{"rung", rung.rung}, {"reason", rung.reason}, {"decided_at", format_rfc3339(rung.decided_at)}};
  put_time(out, "done_at", rung.done_at);
  put_if_not_empty(out, "error", rung.error);
  return out;
}

json::object to_json(const FlagChange& change) {
  json::object out{
      {"scope", change.scope},
      {"on", change.on},
      {"by", change.by},
      {"at", format_rfc3339(change.at)},
      {"checks", array_of(change.checks)},
  };
  put_if_not_empty(out, "note", change.note);
  put_if_not_empty(out, "error", change.error);
  return out;
}

namespace {

std::optional<AnalysisPhase> phase_field(FieldReader& in, std::string_view key) {
  return in.enum_field<AnalysisPhase>(key, Presence::required, &analysis_phase_from, kPhaseNames);
}

}  // namespace

Result<Measurement> measurement_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  Measurement out;
  out.phase = phase_field(in, "phase").value_or(AnalysisPhase::error);
  out.started_at = in.required_time("started_at");
  out.finished_at = in.optional_time("finished_at");
  out.value = in.optional_string("value");
  out.message = in.optional_string("message");
  return in.finish(std::move(out));
}

namespace {

Result<MetricCounts> decode_counts(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  MetricCounts out;
  out.counted = in.required_int("counted", 0, kMaxInt);
  out.successful = in.required_int("successful", 0, kMaxInt);
  out.failed = in.required_int("failed", 0, kMaxInt);
  out.inconclusive = in.required_int("inconclusive", 0, kMaxInt);
  out.errors = in.required_int("errors", 0, kMaxInt);
  out.consecutive_errors = in.required_int("consecutive_errors", 0, kMaxInt);
  out.consecutive_successes = in.required_int("consecutive_successes", 0, kMaxInt);
  return in.finish(out);
}

Result<MetricHistory> decode_history(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  MetricHistory out;
  if (const json::object* earlier = in.object_field("earlier", Presence::required)) {
    if (auto counts = in.take(decode_counts(*earlier, in.path_of("earlier")))) out.earlier = *counts;
  }
  out.measurements = in.object_items<Measurement>("measurements", Presence::required, &measurement_from_json);
  return in.finish(std::move(out));
}

Result<AnalysisRunRecord> decode_run(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  AnalysisRunRecord out;
  out.kind = in.required_string("kind");
  out.started_at = in.required_time("started_at");
  out.ends_at = in.optional_time("ends_at");
  out.metrics = in.object_items<MetricHistory>("metrics", Presence::required, &decode_history);
  out.phase = phase_field(in, "phase").value_or(AnalysisPhase::error);
  out.message = in.optional_string("message");
  out.finished_at = in.optional_time("finished_at");
  return in.finish(std::move(out));
}

}  // namespace

Result<CheckResult> check_result_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  CheckResult out;
  out.name = in.required_string("name");
  if (const json::object* measurement = in.object_field("measurement", Presence::required)) {
    if (auto decoded = in.take(measurement_from_json(*measurement, in.path_of("measurement")))) {
      out.measurement = std::move(*decoded);
    }
  }
  return in.finish(std::move(out));
}

Result<RungRecord> rung_record_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RungRecord out;
  out.rung = in.required_string("rung");
  out.reason = in.required_string("reason");
  out.decided_at = in.required_time("decided_at");
  out.done_at = in.optional_time("done_at");
  out.error = in.optional_string("error");
  return in.finish(std::move(out));
}

Result<FlagChange> flag_change_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  FlagChange out;
  out.scope = in.required_string("scope");
  out.on = in.required_bool("on");
  out.by = in.required_string("by");
  out.note = in.optional_string("note");
  out.at = in.required_time("at");
  out.error = in.optional_string("error");
  out.checks = in.object_items<CheckResult>("checks", Presence::required, &check_result_from_json);
  return in.finish(std::move(out));
}

json::object to_json(const Measurement& measurement) {
  json::object out{{"phase", to_string(measurement.phase)}, {"started_at", format_rfc3339(measurement.started_at)}};
  put_time(out, "finished_at", measurement.finished_at);
  put_if_not_empty(out, "value", measurement.value);
  put_if_not_empty(out, "message", measurement.message);
  return out;
}

json::object to_json(const WatchRecord& watch) {
  json::object out{
      {"stage", to_string(watch.stage)}, {"stage_reason", watch.stage_reason},
      {"run", to_json(watch.run)},       {"data_checks", array_of(watch.data_checks)},
      {"rungs", array_of(watch.rungs)},
  };
  if (watch.recheck) out["recheck"] = to_json(*watch.recheck);
  put_time(out, "first_failure_at", watch.first_failure_at);
  put_time(out, "recovered_at", watch.recovered_at);
  if (const auto seconds = recovery_seconds(watch)) out["recovery_seconds"] = *seconds;
  return out;
}

Result<WatchRecord> watch_record_from_json(const json::object& json, std::string path) {
  FieldReader in{json, std::move(path), kDecodeError};
  WatchRecord out;
  out.stage = in.enum_field<WatchStage>("stage", Presence::required, &watch_stage_from,
                                        "measuring, flag_off, rechecking, checking_data, restoring, paused, passed, "
                                        "recovered, promoted")
                  .value_or(WatchStage::paused);
  out.stage_reason = in.optional_string("stage_reason");
  if (const json::object* run = in.object_field("run", Presence::required)) {
    if (auto decoded = in.take(decode_run(*run, in.path_of("run")))) out.run = std::move(*decoded);
  }
  if (const json::object* recheck = in.object_field("recheck", Presence::optional)) {
    out.recheck = in.take(decode_run(*recheck, in.path_of("recheck")));
  }
  out.data_checks = in.object_items<CheckResult>("data_checks", Presence::required, &check_result_from_json);
  out.rungs = in.object_items<RungRecord>("rungs", Presence::required, &rung_record_from_json);
  out.first_failure_at = in.optional_time("first_failure_at");
  out.recovered_at = in.optional_time("recovered_at");
  return in.finish(std::move(out));
}

}  // namespace ckpt
