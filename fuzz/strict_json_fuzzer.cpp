// Fuzzes the strict JSON parser (codec/strict_json.hpp) against Boost.JSON's own parse:
// what the strict parser accepts, Boost.JSON accepts as the same value; what it refuses
// as not JSON, Boost.JSON refuses too; a refusal is one of its documented phrases.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "codec/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto strict = ckpt::codec::parse_strict_json(text, ckpt::ErrorCode::bad_request);
  boost::system::error_code ec;
  const boost::json::value loose = boost::json::parse(text, ec);
  if (strict.ok()) {
    if (ec || loose != *strict) std::abort();
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
