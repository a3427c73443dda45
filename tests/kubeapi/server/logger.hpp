// The spdlog logger "kubeapi" that every part of the test server logs to (created on first
// use, with spdlog's default sink when nobody configured one).
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace ckpt::kubeapi {

std::shared_ptr<spdlog::logger> logger();

}  // namespace ckpt::kubeapi
