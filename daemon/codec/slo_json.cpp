#include "codec/slo_json.hpp"

#include <boost/json/array.hpp>
#include <limits>
#include <utility>

#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "core/duration.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::FieldReader;
using codec::Presence;
using codec::put_if_not_empty;

constexpr int kMaxCount = std::numeric_limits<int>::max();

FieldReader reader(const json::object& object, std::string path, ErrorCode code,
                   std::initializer_list<std::string_view> known) {
  FieldReader in{object, std::move(path), code};
  if (code == ErrorCode::bad_request) in.reject_unknown(known);
  return in;
}

struct ProviderEncoder {
  json::object operator()(const PrometheusQuery& query) const {
    json::object out{{"query", query.query}, {"step", format_duration(query.step)}};
    put_if_not_empty(out, "server", query.server);
    if (query.range) out["range"] = format_duration(*query.range);
    return json::object{{"prometheus", std::move(out)}};
  }
  json::object operator()(const HttpProbe& probe) const {
    json::array statuses;
    for (const int status : probe.expected_status) statuses.emplace_back(status);
    json::object headers;
    for (const auto& [name, value] : probe.headers) headers[name] = value;
    json::object out{{"url", probe.url}, {"expectedStatus", std::move(statuses)}, {"headers", std::move(headers)}};
    put_if_not_empty(out, "jsonPointer", probe.json_pointer);
    return json::object{{"http", std::move(out)}};
  }
  json::object operator()(const SqlProbe& probe) const {
    return json::object{{"sql", json::object{{"query", probe.query}}}};
  }
};

json::object to_json(const SloMetric& metric) {
  const MetricSpec& spec = metric.analysis;
  json::object out{
      {"name", spec.name},
      {"initialDelay", format_duration(spec.initial_delay)},
      {"failureLimit", spec.failure_limit},
      {"inconclusiveLimit", spec.inconclusive_limit},
      {"consecutiveErrorLimit", spec.consecutive_error_limit},
      {"consecutiveSuccessLimit", spec.consecutive_success_limit},
      {"dryRun", spec.dry_run},
      {"timeout", format_duration(metric.timeout)},
      {"provider", std::visit(ProviderEncoder{}, metric.provider)},
  };
  if (spec.interval) out["interval"] = format_duration(*spec.interval);
  if (spec.count) out["count"] = *spec.count;
  put_if_not_empty(out, "successCondition", spec.success_condition);
  put_if_not_empty(out, "failureCondition", spec.failure_condition);
  return out;
}

json::array metrics_to_json(const std::vector<SloMetric>& metrics) {
  json::array out;
  for (const auto& metric : metrics) out.emplace_back(to_json(metric));
  return out;
}

struct SloDecoder {
  ErrorCode code;

  Result<ProviderSpec> provider(const json::object& object, const std::string& path) const {
    auto in = reader(object, path, code, {"prometheus", "http", "sql"});
    if (object.size() != 1) {
      return make_error(code, "field '" + path + "' must hold exactly one of prometheus, http, sql");
    }
    if (const json::object* prometheus = in.object_field("prometheus", Presence::optional)) {
      auto part = reader(*prometheus, in.path_of("prometheus"), code, {"server", "query", "range", "step"});
      PrometheusQuery query;
      query.server = part.optional_string("server");
      query.query = part.required_string("query");
      query.range = part.optional_duration("range");
      if (auto step = part.optional_duration("step")) query.step = *step;
      return part.finish(ProviderSpec{std::move(query)});
    }
    if (const json::object* http = in.object_field("http", Presence::optional)) {
      auto part = reader(*http, in.path_of("http"), code, {"url", "jsonPointer", "expectedStatus", "headers"});
      HttpProbe probe;
      probe.url = part.required_string("url");
      probe.json_pointer = part.optional_string("jsonPointer");
      if (const json::array* statuses = part.array_field("expectedStatus", Presence::optional)) {
        probe.expected_status.clear();
        for (const auto& status : *statuses) {
          if (!status.is_int64() || status.get_int64() < 100 || status.get_int64() > 599) {
            part.fail_field("expectedStatus", "must list HTTP status codes from 100 to 599");
            break;
          }
          probe.expected_status.push_back(static_cast<int>(status.get_int64()));
        }
      }
      if (const json::object* headers = part.object_field("headers", Presence::optional)) {
        for (const auto& [name, value] : *headers) {
          if (!value.is_string()) {
            part.fail_field("headers", "must map header names to strings");
            break;
          }
          probe.headers[std::string(name)] = std::string(value.get_string());
        }
      }
      return part.finish(ProviderSpec{std::move(probe)});
    }
    if (const json::object* sql = in.object_field("sql", Presence::optional)) {
      auto part = reader(*sql, in.path_of("sql"), code, {"query"});
      SqlProbe probe;
      probe.query = part.required_string("query");
      return part.finish(ProviderSpec{std::move(probe)});
    }
    return in.finish(ProviderSpec{SqlProbe{}});
  }

  Result<SloMetric> metric(const json::object& object, std::string path) const {
    auto in = reader(
        object, std::move(path), code,
        {"name", "interval", "count", "initialDelay", "successCondition", "failureCondition", "failureLimit",
         "inconclusiveLimit", "consecutiveErrorLimit", "consecutiveSuccessLimit", "dryRun", "timeout", "provider"});
    SloMetric out;
    MetricSpec& spec = out.analysis;
    spec.name = in.required_string("name");
    spec.interval = in.optional_duration("interval");
    if (auto count = in.optional_unsigned("count", kMaxCount)) spec.count = static_cast<int>(*count);
    spec.initial_delay = in.required_duration("initialDelay");
    spec.success_condition = in.optional_string("successCondition");
    spec.failure_condition = in.optional_string("failureCondition");
    spec.failure_limit = in.required_int("failureLimit", -1, kMaxCount);
    spec.inconclusive_limit = in.required_int("inconclusiveLimit", 0, kMaxCount);
    spec.consecutive_error_limit = in.required_int("consecutiveErrorLimit", 0, kMaxCount);
    spec.consecutive_success_limit = in.required_int("consecutiveSuccessLimit", 0, kMaxCount);
    spec.dry_run = in.required_bool("dryRun");
    out.timeout = in.required_duration("timeout");
    if (const json::object* provider = in.object_field("provider", Presence::required)) {
      if (auto decoded = in.take(this->provider(*provider, in.path_of("provider")))) out.provider = std::move(*decoded);
    }
    return in.finish(std::move(out));
  }

  std::vector<SloMetric> metrics(FieldReader& in, std::string_view key, Presence presence) const {
    return in.object_items<SloMetric>(key, presence, [this](const json::object& item, std::string item_path) {
      return metric(item, std::move(item_path));
    });
  }
};

}  // namespace

json::object to_json(const SloSpec& slo) {
  return json::object{
      {"window", format_duration(slo.window)},
      {"metrics", metrics_to_json(slo.metrics)},
      {"data_checks", metrics_to_json(slo.data_checks)},
  };
}

json::object to_json(const FlagSpec& flag) {
  return json::object{{"name", flag.name}, {"scopes", codec::strings_to_json(flag.scopes)}};
}

json::object to_json(const LadderPolicy& ladder) {
  return json::object{
      {"flag_off_first", ladder.flag_off_first},   {"recheck_count", ladder.recheck_count},
      {"recovered_after", ladder.recovered_after}, {"restore", to_string(ladder.restore)},
      {"on_error", to_string(ladder.on_error)},
  };
}

Result<SloSpec> slo_from_json(const json::object& json, std::string path, ErrorCode code) {
  const SloDecoder decoder{code};
  auto in = reader(json, std::move(path), code, {"window", "metrics", "data_checks"});
  SloSpec out;
  out.window = in.required_duration("window");
  out.metrics = decoder.metrics(in, "metrics", Presence::required);
  out.data_checks = decoder.metrics(in, "data_checks", Presence::optional);
  return in.finish(std::move(out));
}

Result<FlagSpec> flag_from_json(const json::object& json, std::string path, ErrorCode code) {
  auto in = reader(json, std::move(path), code, {"name", "scopes"});
  FlagSpec out;
  out.name = in.required_string("name");
  out.scopes = in.string_items("scopes", Presence::required);
  return in.finish(std::move(out));
}

Result<LadderPolicy> ladder_from_json(const json::object& json, std::string path, ErrorCode code) {
  auto in = reader(json, std::move(path), code,
                   {"flag_off_first", "recheck_count", "recovered_after", "restore", "on_error"});
  LadderPolicy out;
  out.flag_off_first = in.required_bool("flag_off_first");
  out.recheck_count = in.required_int("recheck_count", 1, 1000);
  out.recovered_after = in.required_int("recovered_after", 1, 1000);
  out.restore = in.enum_field<RestoreRule>("restore", Presence::required, &restore_rule_from,
                                           "data_check_fails, still_failing, never")
                    .value_or(RestoreRule::data_check_fails);
  out.on_error = in.enum_field<ErrorRule>("on_error", Presence::required, &error_rule_from, "pause, flag_off, restore")
                     .value_or(ErrorRule::pause);
  return in.finish(std::move(out));
}

}  // namespace ckpt
