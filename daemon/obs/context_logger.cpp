#include "obs/context_logger.hpp"

#include <algorithm>

namespace ckpt::obs {

ContextLogger::ContextLogger(std::shared_ptr<spdlog::logger> logger, LogFields fields)
    : logger_(std::move(logger)), fields_(std::move(fields)), encoded_fields_(encode_log_fields(fields_)) {}

ContextLogger ContextLogger::with(std::string key, std::string value) const {
  LogFields fields = fields_;
  const auto existing =
      std::find_if(fields.begin(), fields.end(), [&](const auto& field) { return field.first == key; });
  if (existing != fields.end()) {
    existing->second = std::move(value);
  } else {
    fields.emplace_back(std::move(key), std::move(value));
  }
  return ContextLogger{logger_, std::move(fields)};
}

void ContextLogger::log(spdlog::level::level_enum level, std::string_view message) const {
  if (!logger_->should_log(level)) return;
  const std::string payload = encoded_fields_ + std::string(message);
  logger_->log(level, spdlog::string_view_t(payload.data(), payload.size()));
}

}  // namespace ckpt::obs
