#include "obs/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <map>
#include <mutex>
#include <string>

#include "obs/log_formatters.hpp"

namespace ckpt::obs {
namespace {

struct LoggingState {
  LoggingState() { sink->set_formatter(make_log_formatter("text")); }

  std::mutex mutex;
  spdlog::sink_ptr sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  spdlog::level::level_enum level = spdlog::level::info;
  std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers;
};

LoggingState& logging_state() {
  static LoggingState state;
  return state;
}

}  // namespace

void setup_logging(const config::Logging& settings) {
  LoggingState& state = logging_state();
  const std::lock_guard lock(state.mutex);
  state.level = spdlog::level::from_str(settings.level);
  state.sink->set_formatter(make_log_formatter(settings.format));
  for (const auto& [name, component_logger] : state.loggers) component_logger->set_level(state.level);
}

std::shared_ptr<spdlog::logger> logger(std::string_view component) {
  LoggingState& state = logging_state();
  const std::lock_guard lock(state.mutex);
  const auto found = state.loggers.find(component);
  if (found != state.loggers.end()) return found->second;
  auto created = std::make_shared<spdlog::logger>(std::string(component), state.sink);
  created->set_level(state.level);
  state.loggers.emplace(std::string(component), created);
  return created;
}

}  // namespace ckpt::obs
