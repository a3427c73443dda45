#include "engine/local/free_port.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace ckpt::engine::local {

Result<std::uint16_t> pick_free_tcp_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return make_error(ErrorCode::engine_error,
                      std::string{"cannot pick a free TCP port: socket: "} + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (::bind(fd, generic, sizeof address) != 0 || ::getsockname(fd, generic, &length) != 0) {
    const int failure = errno;
    ::close(fd);
    return make_error(ErrorCode::engine_error, std::string{"cannot pick a free TCP port: "} + std::strerror(failure));
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace ckpt::engine::local
