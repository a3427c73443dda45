#include "obs/log_fields.hpp"

namespace ckpt::obs {
namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kUnitSeparator = '\x1f';

void append_sanitized(std::string& out, std::string_view text) {
  for (const char c : text) out += (c == kRecordSeparator || c == kUnitSeparator) ? '?' : c;
}

}  // namespace

std::string encode_log_fields(const LogFields& fields) {
  if (fields.empty()) return {};
  std::string out(1, kRecordSeparator);
  for (const auto& [key, value] : fields) {
    append_sanitized(out, key);
    out += kUnitSeparator;
    append_sanitized(out, value);
    out += kUnitSeparator;
  }
  out += kRecordSeparator;
  return out;
}

DecodedLogMessage decode_log_message(std::string_view payload) {
  DecodedLogMessage plain{{}, payload};
  if (payload.empty() || payload.front() != kRecordSeparator) return plain;
  const std::size_t end = payload.find(kRecordSeparator, 1);
  if (end == std::string_view::npos) return plain;

  DecodedLogMessage decoded{{}, payload.substr(end + 1)};
  std::string_view rest = payload.substr(1, end - 1);
  while (!rest.empty()) {
    const std::size_t key_end = rest.find(kUnitSeparator);
    if (key_end == std::string_view::npos) return plain;
    const std::size_t value_end = rest.find(kUnitSeparator, key_end + 1);
    if (value_end == std::string_view::npos) return plain;
    decoded.fields.emplace_back(rest.substr(0, key_end), rest.substr(key_end + 1, value_end - key_end - 1));
    rest.remove_prefix(value_end + 1);
  }
  return decoded;
}

}  // namespace ckpt::obs
