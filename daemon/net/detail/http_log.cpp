#include "net/detail/http_log.hpp"

namespace ckpt::net::detail {

std::shared_ptr<spdlog::logger> http_logger() {
  constexpr const char* kName = "http";
  if (auto logger = spdlog::get(kName)) return logger;
  auto logger = spdlog::default_logger()->clone(kName);
  try {
    spdlog::register_logger(logger);
  } catch (const spdlog::spdlog_ex&) {
    // Another thread registered it first; use theirs.
    return spdlog::get(kName);
  }
  return logger;
}

}  // namespace ckpt::net::detail
