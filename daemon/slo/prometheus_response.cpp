#include "slo/prometheus_response.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "codec/echoed_text.hpp"
#include "codec/field_reader.hpp"
#include "codec/strict_json.hpp"
#include "net/body_excerpt.hpp"
#include "slo/json_kind.hpp"

namespace ckpt::slo {
namespace {

namespace json = boost::json;

Error malformed(const std::string& problem) {
  return make_error(ErrorCode::engine_error, "prometheus answer: " + problem);
}

// The first problem the reader recorded.
Error reader_error(codec::FieldReader& reader) {
  return malformed(reader.finish(0).error().message);
}

Error field_error(const std::string& path, const std::string& requirement) {
  return malformed("field '" + path + "' " + requirement);
}

// A sample value as Prometheus writes it: a decimal, "NaN", "+Inf" or "-Inf".
std::optional<double> sample_number(std::string_view text) {
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  double number = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, number);
  if (text.empty() || ec != std::errc{} || stop != end) return std::nullopt;
  return number;
}

// The value of a [<time>, "<value>"] pair at `path`.
Result<double> sample_value(const json::value& pair, const std::string& path) {
  const auto* items = pair.if_array();
  if (items == nullptr || items->size() != 2) {
    return field_error(path, "must be a [time, \"value\"] pair, got " + json_kind_phrase(pair));
  }
  if (!(*items)[0].is_number()) {
    return field_error(path + "[0]", "must be a number (the sample's time), got " + json_kind_phrase((*items)[0]));
  }
  const auto* text = (*items)[1].if_string();
  if (text == nullptr) {
    return field_error(path + "[1]",
                       "must be a string holding the sample's value, got " + json_kind_phrase((*items)[1]));
  }
  const auto number = sample_number(*text);
  if (!number) {
    return field_error(path + "[1]",
                       "must hold a number such as \"0.5\", \"NaN\" or \"+Inf\", got \"" + codec::echoed(*text) + "\"");
  }
  return *number;
}

Result<const json::object*> series_object(const json::value& item, const std::string& path) {
  const auto* object = item.if_object();
  if (object == nullptr) return field_error(path, "must be an object, got " + json_kind_phrase(item));
  return object;
}

Error histogram_sample(const std::string& path) {
  return make_error(ErrorCode::bad_request, "prometheus answer: field '" + path +
                                                "' is a native histogram; the query must give numbers, e.g. "
                                                "histogram_quantile(0.99, ...)");
}

Result<ResultValue> read_vector(const json::array& samples) {
  std::vector<double> values;
  values.reserve(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::string path = "data.result[" + std::to_string(i) + "]";
    auto sample = series_object(samples[i], path);
    if (!sample) return std::move(sample).error();
    const auto* pair = (*sample)->if_contains("value");
    if (pair == nullptr && (*sample)->contains("histogram")) return histogram_sample(path);
    if (pair == nullptr) return malformed("missing field '" + path + ".value'");
    auto value = sample_value(*pair, path + ".value");
    if (!value) return std::move(value).error();
    values.push_back(*value);
  }
  return ResultValue::list(std::move(values));
}

Result<ResultValue> read_matrix(const json::array& series) {
  if (series.empty()) return ResultValue::list({});
  if (series.size() > 1) {
    return make_error(ErrorCode::bad_request,
                      "the range query returned " + std::to_string(series.size()) +
                          " series; it must return one: aggregate them, e.g. sum(...) or max by () (...)");
  }
  const std::string path = "data.result[0]";
  auto only = series_object(series[0], path);
  if (!only) return std::move(only).error();
  const auto* points = (*only)->if_contains("values");
  if (points == nullptr && (*only)->contains("histograms")) return histogram_sample(path);
  if (points == nullptr) return malformed("missing field '" + path + ".values'");
  const auto* items = points->if_array();
  if (items == nullptr) return field_error(path + ".values", "must be an array, got " + json_kind_phrase(*points));
  std::vector<double> values;
  values.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto value = sample_value((*items)[i], path + ".values[" + std::to_string(i) + "]");
    if (!value) return std::move(value).error();
    values.push_back(*value);
  }
  return ResultValue::list(std::move(values));
}

Result<ResultValue> read_data(const json::object& data) {
  codec::FieldReader reader(data, "data", ErrorCode::engine_error);
  const std::string type = reader.required_string("resultType");
  if (!reader.ok()) return reader_error(reader);
  const auto* result = data.if_contains("result");
  if (result == nullptr) return malformed("missing field 'data.result'");
  if (type == "scalar") {
    auto value = sample_value(*result, "data.result");
    if (!value) return std::move(value).error();
    return ResultValue::number(*value);
  }
  if (type == "string") {
    return make_error(ErrorCode::bad_request,
                      "the query returned a string; it must give a number: a scalar, an instant vector or a range");
  }
  if (type != "vector" && type != "matrix") {
    return field_error("data.resultType",
                       "must be one of: scalar, vector, matrix, string; got \"" + codec::echoed(type) + "\"");
  }
  const auto* items = result->if_array();
  if (items == nullptr) return field_error("data.result", "must be an array, got " + json_kind_phrase(*result));
  return type == "vector" ? read_vector(*items) : read_matrix(*items);
}

Error error_answer(const json::object& answer) {
  codec::FieldReader reader(answer, "", ErrorCode::engine_error);
  const std::string type = reader.optional_string("errorType");
  const std::string message = reader.optional_string("error");
  if (!reader.ok()) return reader_error(reader);
  const ErrorCode code = type == "bad_data" ? ErrorCode::bad_request : ErrorCode::engine_error;
  return make_error(code, "prometheus: " + (type.empty() ? std::string{"error"} : type) + ": " +
                              (message.empty() ? std::string{"(no message)"} : message));
}

}  // namespace

Result<ResultValue> read_prometheus_answer(int http_status, std::string_view body) {
  auto document = codec::parse_strict_json(body, ErrorCode::engine_error);
  const auto* answer = document ? document->if_object() : nullptr;
  const bool has_status = answer != nullptr && answer->contains("status");
  if (!has_status && http_status != 200) {
    return make_error(ErrorCode::engine_error,
                      "prometheus answered status " + std::to_string(http_status) + " with " + net::body_excerpt(body));
  }
  if (!document) return malformed("the body " + document.error().message);
  if (answer == nullptr) return malformed("the body must be a JSON object, got " + json_kind_phrase(*document));
  codec::FieldReader reader(*answer, "", ErrorCode::engine_error);
  const std::string status = reader.required_string("status");
  if (!reader.ok()) return reader_error(reader);
  if (status == "error") return error_answer(*answer);
  if (status != "success") {
    return field_error("status", "must be \"success\" or \"error\", got \"" + codec::echoed(status) + "\"");
  }
  const auto* data = reader.object_field("data", codec::Presence::required);
  if (data == nullptr) return reader_error(reader);
  return read_data(*data);
}

}  // namespace ckpt::slo
