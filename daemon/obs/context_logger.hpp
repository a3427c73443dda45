// A component logger plus context fields (checkpoint=ab12cd34, cluster=app) that appear
// on every line it writes: in text mode as "checkpoint=ab12cd34 cluster=app <message>",
// in JSON mode as separate members of the line's object. Copyable and cheap to pass;
// with() returns a new logger and leaves this one unchanged. Messages use fmt syntax and
// are only formatted when the level is enabled. Never pass secrets: see obs/redact.hpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "obs/log_fields.hpp"

namespace ckpt::obs {

class ContextLogger {
 public:
  explicit ContextLogger(std::shared_ptr<spdlog::logger> logger, LogFields fields = {});

  // A logger with one more field; a key already present gets the new value in place.
  ContextLogger with(std::string key, std::string value) const;

  const LogFields& fields() const { return fields_; }

  template <typename... Args>
  void trace(fmt::format_string<Args...> format, Args&&... args) const {
    write(spdlog::level::trace, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void debug(fmt::format_string<Args...> format, Args&&... args) const {
    write(spdlog::level::debug, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) const {
    write(spdlog::level::info, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) const {
    write(spdlog::level::warn, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) const {
    write(spdlog::level::err, format, std::forward<Args>(args)...);
  }

  // Logs an already formatted message with this logger's fields.
  void log(spdlog::level::level_enum level, std::string_view message) const;

 private:
  template <typename... Args>
  void write(spdlog::level::level_enum level, fmt::format_string<Args...> format, Args&&... args) const {
    if (!logger_->should_log(level)) return;
    log(level, fmt::format(format, std::forward<Args>(args)...));
  }

  std::shared_ptr<spdlog::logger> logger_;
  LogFields fields_;
  std::string encoded_fields_;
};

}  // namespace ckpt::obs
