#include "test_servers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ckpt::test {
namespace {

net::ServerOptions server_options(std::string token) {
  net::ServerOptions options;
  options.bearer_token = std::move(token);
  return options;
}

}  // namespace

RecordingServer::RecordingServer(std::string token, const std::optional<net::TlsServerFiles>& tls)
    : shared_(std::make_shared<Shared>()),
      work_(io_.get_executor()),
      server_(
          io_.get_executor(),
          [shared = shared_](net::HttpRequest request) -> boost::asio::awaitable<net::HttpResponse> {
            std::lock_guard lock(shared->mutex);
            shared->requests.push_back(std::move(request));
            co_return shared->answer;
          },
          server_options(std::move(token))) {
  auto port = server_.listen_tcp("127.0.0.1", 0, tls);
  if (!port) throw std::runtime_error("the recording server cannot listen: " + port.error().message);
  port_ = *port;
  tls_ = tls.has_value();
  server_.start();
  thread_ = std::thread([this] { io_.run(); });
}

RecordingServer::~RecordingServer() {
  boost::asio::co_spawn(io_, server_.shutdown(std::chrono::seconds{1}), boost::asio::use_future).get();
  work_.reset();
  io_.stop();
  thread_.join();
}

std::string RecordingServer::url(const std::string& path) const {
  return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_) + path;
}

void RecordingServer::answer_with(net::HttpResponse response) {
  std::lock_guard lock(shared_->mutex);
  shared_->answer = std::move(response);
}

std::vector<net::HttpRequest> RecordingServer::requests() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->requests;
}

SilentListener::SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd_, 16) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("the silent listener cannot listen: " + reason);
  }
  // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
  port_ = ntohs(address.sin_port);
}

SilentListener::~SilentListener() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace ckpt::test
