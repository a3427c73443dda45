// A TCP port that is free right now on every local address: bind port 0 on INADDR_ANY,
// read the port the kernel chose, release it. Another process may take it later; the
// caller binds it soon after.
#pragma once

#include <cstdint>

#include "core/result.hpp"

namespace ckpt::engine::local {

Result<std::uint16_t> pick_free_tcp_port();

}  // namespace ckpt::engine::local
