// Fuzzes the strict JSON parser (codec/strict_json.hpp) against Boost.JSON's own parse:
// what the strict parser accepts, Boost.JSON accepts as the same value (a fraction may
// differ in its last place: the strict parser rounds correctly, Boost.JSON 1.81 not
// always); what it refuses as not JSON, Boost.JSON refuses too; a refusal is one of its
// documented phrases.
#include <boost/json/parse.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "codec/strict_json.hpp"

namespace {

namespace json = boost::json;

bool within_last_places(double a, double b) {
  for (int step = 0; step < 4 && a != b; ++step) a = std::nextafter(a, b);
  return a == b;
}

bool same_value(const json::value& strict, const json::value& loose) {
  if (strict.is_double() && loose.is_double()) return within_last_places(strict.get_double(), loose.get_double());
  if (strict.kind() != loose.kind()) return false;
  if (const auto* array = strict.if_array()) {
    const auto& other = loose.get_array();
    if (array->size() != other.size()) return false;
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (!same_value((*array)[i], other[i])) return false;
    }
    return true;
  }
  if (const auto* object = strict.if_object()) {
    const auto& other = loose.get_object();
    if (object->size() != other.size()) return false;
    for (const auto& member : *object) {
      const auto* match = other.if_contains(member.key());
      if (match == nullptr || !same_value(member.value(), *match)) return false;
    }
    return true;
  }
  return strict == loose;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto strict = ckpt::codec::parse_strict_json(text, ckpt::ErrorCode::bad_request);
  boost::system::error_code ec;
  const json::value loose = json::parse(text, ec);
  if (strict.ok()) {
    if (ec || !same_value(*strict, loose)) std::abort();
    return 0;
  }
  const auto& error = strict.error();
  if (error.code != ckpt::ErrorCode::bad_request) std::abort();
  const std::string_view message = error.message;
  if (message.starts_with("is not valid JSON: ")) {
    if (!ec) std::abort();
  } else if (!message.starts_with("is not valid UTF-8 (byte ") && !message.starts_with("has a duplicate field '") &&
             !message.starts_with("has a number out of range")) {
    std::abort();
  }
  return 0;
}
