#include "slo/prometheus_query.hpp"

#include "kube/resource_ref.hpp"

namespace ckpt::slo {
namespace {

// Whole seconds, then the milliseconds when there are any: "15", "0.5", "1733456789.123".
std::string seconds_text(Millis duration) {
  const auto millis = duration.count();
  std::string text = std::to_string(millis / 1000);
  if (const auto fraction = millis % 1000; fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text;
}

std::string unix_time_text(TimePoint at) {
  return seconds_text(std::chrono::duration_cast<Millis>(at.time_since_epoch()));
}

}  // namespace

Result<std::string> prometheus_query_target(std::string_view path_prefix, const PrometheusQuery& query, TimePoint now) {
  if (query.query.empty()) return make_error(ErrorCode::bad_request, "the PromQL query is empty");
  while (path_prefix.ends_with('/')) path_prefix.remove_suffix(1);
  const std::string api = std::string{path_prefix} + "/api/v1/";
  if (!query.range) return kube::with_query(api + "query", {{"query", query.query}, {"time", unix_time_text(now)}});
  if (query.range->count() <= 0) {
    return make_error(ErrorCode::bad_request,
                      "the range of a range query must be positive, got " + format_duration(*query.range));
  }
  if (query.step.count() <= 0) {
    return make_error(ErrorCode::bad_request,
                      "the step of a range query must be positive, got " + format_duration(query.step));
  }
  return kube::with_query(api + "query_range", {{"query", query.query},
                                                {"start", unix_time_text(now - *query.range)},
                                                {"end", unix_time_text(now)},
                                                {"step", seconds_text(query.step)}});
}

}  // namespace ckpt::slo
