// Internal to ckpt_net. The spdlog logger "http": the registered one when the daemon set
// it up, otherwise a clone of the default logger registered under that name.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace ckpt::net::detail {

std::shared_ptr<spdlog::logger> http_logger();

}  // namespace ckpt::net::detail
