#include "kubeapi/server/logger.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

namespace ckpt::kubeapi {

std::shared_ptr<spdlog::logger> logger() {
  static std::mutex creation;
  std::lock_guard lock(creation);
  if (auto existing = spdlog::get("kubeapi")) return existing;
  auto created = spdlog::default_logger()->clone("kubeapi");
  spdlog::register_logger(created);
  return created;
}

}  // namespace ckpt::kubeapi
