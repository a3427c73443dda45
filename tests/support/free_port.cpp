#include "support/free_port.hpp"

#include <stdexcept>

#include "engine/local/free_port.hpp"

namespace ckpt::test {

std::uint16_t free_tcp_port() {
  auto port = engine::local::pick_free_tcp_port();
  if (!port) throw std::runtime_error(port.error().message);
  return port.value();
}

}  // namespace ckpt::test
