// A TCP port that is free right now (bind port 0, read it, release it), for test
// servers. Throws when no port can be had.
#pragma once

#include <cstdint>

namespace ckpt::test {

std::uint16_t free_tcp_port();

}  // namespace ckpt::test
