#include "obs/log_formatters.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/pattern_formatter.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "obs/log_fields.hpp"

namespace ckpt::obs {
namespace {

std::string_view to_std(spdlog::string_view_t text) { return {text.data(), text.size()}; }

void append(spdlog::memory_buf_t& dest, std::string_view text) { dest.append(text.data(), text.data() + text.size()); }

bool needs_quotes(std::string_view value) {
  return value.empty() || std::any_of(value.begin(), value.end(), [](char c) {
           return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '=';
         });
}

// The %* flag of the text pattern: "key=value ... message".
class ContextMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/, spdlog::memory_buf_t& dest) override {
    const DecodedLogMessage decoded = decode_log_message(to_std(msg.payload));
    for (const auto& [key, value] : decoded.fields) {
      append(dest, key);
      dest.push_back('=');
      append(dest, needs_quotes(value) ? boost::json::serialize(boost::json::string_view(value.data(), value.size()))
                                       : value);
      dest.push_back(' ');
    }
    append(dest, decoded.text);
  }

  std::unique_ptr<spdlog::custom_flag_formatter> clone() const override {
    return std::make_unique<ContextMessageFlag>();
  }
};

class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const DecodedLogMessage decoded = decode_log_message(to_std(msg.payload));
    boost::json::object line;
    line["ts"] = format_rfc3339(msg.time);
    line["level"] = to_std(spdlog::level::to_string_view(msg.level));
    line["logger"] = to_std(msg.logger_name);
    line["msg"] = decoded.text;
    for (const auto& [key, value] : decoded.fields) line.emplace(key, value);
    append(dest, boost::json::serialize(line));
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLineFormatter>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_log_formatter(std::string_view format) {
  if (format == "json") return std::make_unique<JsonLineFormatter>();
  auto text = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  text->add_flag<ContextMessageFlag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l [%n] %*");
  return text;
}

}  // namespace ckpt::obs
