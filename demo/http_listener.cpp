#include "http_listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

namespace ckpt::demo {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::chrono::seconds kIoTimeout{30};
constexpr std::uint64_t kMaxBodyBytes = 64 * 1024;
constexpr std::chrono::milliseconds kAcceptRetryPause{100};

net::HttpRequest plain_request(http::request<http::string_body>&& message) {
  net::HttpRequest request;
  request.method = std::string{message.method_string()};
  request.target = std::string{message.target()};
  for (const auto& field : message) {
    request.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
  }
  request.body = std::move(message.body());
  return request;
}

http::response<http::string_body> beast_response(net::HttpResponse&& response, unsigned version, bool keep_alive) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "checkpointd-demo-service");
  message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

asio::awaitable<void> serve(asio::ip::tcp::socket socket, std::shared_ptr<const RequestHandler> handler) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    stream.expires_after(kIoTimeout);
    auto [read_error, read_bytes] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_error) break;
    auto message = parser.release();
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    auto response = beast_response((*handler)(plain_request(std::move(message))), version, keep_alive);
    stream.expires_after(kIoTimeout);
    auto [write_error, written] = co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
    if (write_error || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(asio::ip::tcp::acceptor& acceptor, std::shared_ptr<const RequestHandler> handler) {
  while (acceptor.is_open()) {
    auto [error, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (error == asio::error::operation_aborted) co_return;  // stop()
    if (error) {  // e.g. out of file descriptors: let some connections end first
      asio::steady_timer pause(acceptor.get_executor(), kAcceptRetryPause);
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), handler), asio::detached);
  }
}

}  // namespace

HttpListener::HttpListener(asio::any_io_executor executor, RequestHandler handler)
    : acceptor_(std::move(executor)), handler_(std::make_shared<const RequestHandler>(std::move(handler))) {}

Result<std::uint16_t> HttpListener::listen(const std::string& address, std::uint16_t port) {
  const auto cannot = [&](const std::string& why) {
    return make_error(ErrorCode::unavailable, "cannot listen on " + address + ":" + std::to_string(port) + ": " + why);
  };
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) return cannot("not an IP address; use e.g. 127.0.0.1");
  const asio::ip::tcp::endpoint endpoint(ip, port);
  if (acceptor_.open(endpoint.protocol(), ec); ec) return cannot(ec.message());
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) return cannot(ec.message());
  if (acceptor_.bind(endpoint, ec); ec) return cannot(ec.message());
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) return cannot(ec.message());
  const auto bound = acceptor_.local_endpoint(ec);
  if (ec) return cannot(ec.message());
  return bound.port();
}

void HttpListener::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(acceptor_, handler_), asio::detached);
}

void HttpListener::stop() {
  beast::error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace ckpt::demo
