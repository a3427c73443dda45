// Fuzzes the readers of what an SLO measurement gets back: the first byte picks the HTTP
// status (200, 204, 400 or 503), the rest is read as a Prometheus query answer
// (slo/prometheus_response.hpp) and, split after its first line (a JSON pointer), as an
// HTTP probe's body (slo/http_probe_value.hpp, slo/json_pointer.hpp). Each must give a
// value or an error with its documented code and prefix in valid UTF-8, never crash or
// hang. A Prometheus answer read as a list has one value per sample or point; a probe
// without a pointer measures the status, one with a pointer the number (or boolean) the
// pointer resolves to; the empty pointer names the document, and the pointer escaped from
// a top-level member's key resolves to that member.
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "codec/strict_json.hpp"
#include "core/utf8.hpp"
#include "slo/http_probe_value.hpp"
#include "slo/json_pointer.hpp"
#include "slo/prometheus_response.hpp"

namespace {

namespace json = boost::json;
using ckpt::ErrorCode;

constexpr int kStatuses[] = {200, 204, 400, 503};
constexpr std::string_view kProbeUrl = "http://probe.test/healthz";

void require(bool condition) {
  if (!condition) std::abort();
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  for (const auto prefix : prefixes) {
    if (text.starts_with(prefix)) return true;
  }
  return false;
}

const json::value* member(const json::value& value, std::string_view key) {
  const auto* object = value.if_object();
  return object != nullptr ? object->if_contains(key) : nullptr;
}

// The number of values a successful answer's list must hold, from the document itself.
std::size_t expected_list_size(const json::value& answer) {
  const auto* data = member(answer, "data");
  const auto& result = member(*data, "result")->get_array();
  if (member(*data, "resultType")->get_string() == "vector" || result.empty()) return result.size();
  return member(result[0], "values")->get_array().size();
}

void check_prometheus_answer(int status, std::string_view body) {
  const auto answer = ckpt::slo::read_prometheus_answer(status, body);
  const auto document = ckpt::codec::parse_strict_json(body, ErrorCode::engine_error);
  const bool has_status = document.ok() && member(*document, "status") != nullptr;
  if (answer.ok()) {
    require(has_status && member(*document, "status")->as_string() == "success");
    if (answer->is_list()) {
      require(std::get<std::vector<double>>(answer->value).size() == expected_list_size(*document));
    }
    return;
  }
  const auto& error = answer.error();
  require(error.code == ErrorCode::bad_request || error.code == ErrorCode::engine_error);
  require(!ckpt::first_invalid_utf8(error.message).has_value());
  if (!has_status && status != 200) require(error.message.starts_with("prometheus answered status "));
  require(starts_with_any(error.message, {"prometheus answer: ", "prometheus: ", "prometheus answered status ",
                                          "the range query returned ", "the query returned a string"}));
}

void check_probe_value(int status, std::string_view pointer, std::string_view body) {
  const ckpt::HttpProbe probe{std::string(kProbeUrl), std::string(pointer), {200, 204}, {}};
  const auto value = ckpt::slo::http_probe_value(probe, status, body);
  if (pointer.empty()) {
    require(value.ok() && std::get<double>(value->value) == status);
    return;
  }
  if (value.ok()) {
    require(!value->is_list() && (status == 200 || status == 204));
    const auto document = ckpt::codec::parse_strict_json(body, ErrorCode::engine_error);
    require(document.ok());
    const auto found = ckpt::slo::resolve_json_pointer(*document, pointer);
    require(found.ok());
    const json::value& measured = **found;
    require(std::get<double>(value->value) ==
            (measured.is_bool() ? (measured.get_bool() ? 1.0 : 0.0) : measured.to_number<double>()));
    return;
  }
  require(value.error().code == ErrorCode::bad_request || value.error().code == ErrorCode::engine_error);
  require(value.error().message.starts_with("GET " + std::string(kProbeUrl) + ": "));
  if (!ckpt::first_invalid_utf8(pointer)) require(!ckpt::first_invalid_utf8(value.error().message));
}

// "/" and the key with '~' and '/' escaped.
std::string pointer_to(std::string_view key) {
  std::string pointer = "/";
  for (const char c : key) pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return pointer;
}

void check_json_pointer(std::string_view pointer, std::string_view body) {
  const auto document = ckpt::codec::parse_strict_json(body, ErrorCode::engine_error);
  if (!document.ok()) return;
  const auto found = ckpt::slo::resolve_json_pointer(*document, pointer);
  if (!found.ok()) {
    require(found.error().code == ErrorCode::bad_request);
    require(starts_with_any(found.error().message, {"JSON pointer \"", "nothing at JSON pointer \""}));
  } else if (pointer.empty()) {
    require(*found == &*document);
  }
  if (const auto* object = document->if_object()) {
    for (const auto& entry : *object) {
      const auto at = ckpt::slo::resolve_json_pointer(*document, pointer_to(entry.key()));
      require(at.ok() && *at == &entry.value());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int status = kStatuses[data[0] % std::size(kStatuses)];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_prometheus_answer(status, text);
  const auto line_end = text.find('\n');
  const std::string_view pointer = text.substr(0, line_end);
  const std::string_view body = line_end == std::string_view::npos ? "" : text.substr(line_end + 1);
  check_probe_value(status, pointer, body);
  check_json_pointer(pointer, body);
  return 0;
}
