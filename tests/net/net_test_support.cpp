#include "net_test_support.hpp"

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <poll.h>

#include <cstdlib>
#include <stdexcept>

namespace ckpt::net::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ckpt-net-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

IoThreads::IoThreads() : work_(io_.get_executor()) {
  for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
}

IoThreads::~IoThreads() {
  work_.reset();
  io_.stop();
  for (auto& thread : threads_) thread.join();
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

struct RawConnection::Impl {
  asio::io_context io;
  asio::local::stream_protocol::socket socket{io};
  boost::beast::flat_buffer buffer;
};

RawConnection::RawConnection(const std::string& socket_path) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect(asio::local::stream_protocol::endpoint(socket_path));
}

RawConnection::~RawConnection() = default;

HttpResponse RawConnection::send(const HttpRequest& request) {
  http::request<http::string_body> message;
  message.method_string(request.method);
  message.target(request.target);
  message.set(http::field::host, "localhost");
  for (const auto& [name, value] : request.headers) message.insert(name, value);
  message.body() = request.body;
  message.prepare_payload();
  http::write(impl_->socket, message);
  return read_response();
}

HttpResponse RawConnection::read_response() {
  http::response<http::string_body> reply;
  http::read(impl_->socket, impl_->buffer, reply);
  HttpResponse response;
  response.status = static_cast<int>(reply.result_int());
  response.content_type = std::string(reply[http::field::content_type]);
  for (const auto& field : reply) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = reply.body();
  return response;
}

void RawConnection::send_bytes(std::string_view bytes) {
  asio::write(impl_->socket, asio::buffer(bytes));
}

std::string RawConnection::read_until_closed() {
  std::string received;
  boost::system::error_code ec;
  asio::read(impl_->socket, asio::dynamic_buffer(received), ec);
  if (ec != asio::error::eof)
    throw std::runtime_error("reading until close failed: " + ec.message());
  return received;
}

bool RawConnection::closed_by_server_within(std::chrono::milliseconds timeout) {
  pollfd descriptor{impl_->socket.native_handle(), POLLIN, 0};
  if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) != 1) return false;
  char byte = 0;
  boost::system::error_code ec;
  const std::size_t n = impl_->socket.read_some(asio::buffer(&byte, 1), ec);
  return n == 0 && ec == asio::error::eof;
}

}  // namespace ckpt::net::testing
