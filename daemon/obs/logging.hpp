// Component logging for checkpointd: one named spdlog logger per component ("api",
// "service", "store", "engine.local", "http", ...) created on demand, all writing to
// one shared stderr sink with the configured level and line format (text or JSON lines,
// see obs/log_formatters.hpp). Before setup_logging() runs, loggers write text at level
// info. setup_logging() may be called again (e.g. on reload): it changes the format and
// level of every logger, existing or future. Thread-safe.
// This header also brings ContextLogger (context fields on every line) and redact().
#pragma once

#include <memory>
#include <string_view>

#include <spdlog/logger.h>

#include "config/config.hpp"
#include "obs/context_logger.hpp"
#include "obs/redact.hpp"

namespace ckpt::obs {

// `settings` as validated by config/config_loader.hpp (level trace|debug|info|warn|error).
void setup_logging(const config::Logging& settings);

// The logger of `component`; the same instance for the same name.
std::shared_ptr<spdlog::logger> logger(std::string_view component);

}  // namespace ckpt::obs
