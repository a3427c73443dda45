#include "slo/http_probe_value.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <string>

#include "codec/echoed_text.hpp"
#include "codec/strict_json.hpp"
#include "net/body_excerpt.hpp"
#include "slo/json_kind.hpp"
#include "slo/json_pointer.hpp"

namespace ckpt::slo {
namespace {

namespace json = boost::json;

// "200", "200 or 204", "200, 201 or 204".
std::string expected_text(const std::vector<int>& expected) {
  if (expected.empty()) return "none";
  std::string text;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (i > 0) text += i + 1 == expected.size() ? " or " : ", ";
    text += std::to_string(expected[i]);
  }
  return text;
}

// What was found instead of a number: "a string (\"ok\")", "an object", "null".
std::string found_text(const json::value& value) {
  if (const auto* text = value.if_string()) return "a string (\"" + codec::echoed(*text) + "\")";
  return json_kind_phrase(value);
}

}  // namespace

Result<ResultValue> http_probe_value(const HttpProbe& probe, int status, std::string_view body) {
  if (probe.json_pointer.empty()) return ResultValue::number(status);
  const std::string request = "GET " + probe.url + ": ";
  const auto& expected = probe.expected_status;
  if (std::find(expected.begin(), expected.end(), status) == expected.end()) {
    return make_error(ErrorCode::engine_error, request + "status " + std::to_string(status) + " (expected " +
                                                   expected_text(expected) + "): " + net::body_excerpt(body));
  }
  auto document = codec::parse_strict_json(body, ErrorCode::engine_error);
  if (!document) return make_error(document.error().code, request + "the body " + document.error().message);
  auto found = resolve_json_pointer(*document, probe.json_pointer);
  if (!found) return make_error(found.error().code, request + found.error().message);
  const json::value& value = **found;
  if (value.is_bool()) return ResultValue::number(value.get_bool() ? 1 : 0);
  if (value.is_number()) return ResultValue::number(value.to_number<double>());
  return make_error(ErrorCode::engine_error, request + "the value at JSON pointer \"" + probe.json_pointer + "\" is " +
                                                 found_text(value) + ", not a number or a boolean");
}

}  // namespace ckpt::slo
