#include "net/detail/server_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "net/detail/beast_message.hpp"
#include "net/deadline.hpp"
#include "net/detail/http_log.hpp"
#include "net/detail/transport.hpp"

namespace ckpt::net::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

// How long a closing connection keeps reading what the peer still sends (see linger_close).
constexpr std::chrono::seconds kLingerLimit{2};
constexpr std::size_t kReadChunk = 4096;

enum class AfterRequest { keep_alive, linger_close, close_now };

class InFlightGuard {
 public:
  explicit InFlightGuard(std::atomic<std::size_t>& count) : count_(count) { ++count_; }
  ~InFlightGuard() { --count_; }
  InFlightGuard(const InFlightGuard&) = delete;
  InFlightGuard& operator=(const InFlightGuard&) = delete;

 private:
  std::atomic<std::size_t>& count_;
};

// A parse error of Beast's, as opposed to the peer closing mid-request.
bool is_malformed_request(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

HttpResponse unauthorized() {
  HttpResponse response = json_error(401, "unauthorized",
                                     "missing or wrong bearer token; send the daemon's API token "
                                     "as \"Authorization: Bearer <token>\"");
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

template <typename Stream>
class StreamConnection final : public ServerConnection {
 public:
  StreamConnection(std::shared_ptr<ServerContext> context, Stream stream)
      : context_(std::move(context)), stream_(std::move(stream)), timer_(stream_.get_executor()) {}

  asio::any_io_executor executor() override { return stream_.get_executor(); }

  asio::awaitable<void> run() override {
    const bool ready = co_await handshake();
    if (ready) co_await serve_requests();
    close_now(stream_);
  }

  void drain() override {
    draining_ = true;
    if (idle_) close_now(stream_);
  }

  void force_close() override {
    draining_ = true;
    force_closed_ = true;
    handler_cancel_.emit(asio::cancellation_type::terminal);
    close_now(stream_);
  }

 private:
  const ServerOptions& options() const { return context_->options; }

  asio::awaitable<bool> handshake() {
    if constexpr (is_tls_v<Stream>) {
      timer_.expires_after(options().header_timeout);
      auto done = co_await within(stream_.async_handshake(asio::ssl::stream_base::server,
                                                          asio::as_tuple(asio::use_awaitable)),
                                  timer_);
      co_return done && !std::get<0>(*done);
    } else {
      co_return true;
    }
  }

  asio::awaitable<void> serve_requests() {
    beast::flat_buffer buffer;
    auto wait_limit = options().header_timeout;
    while (!draining_) {
      idle_ = true;
      const bool started = co_await await_request_start(buffer, wait_limit);
      idle_ = false;
      if (!started || draining_) co_return;
      wait_limit = options().idle_timeout;
      const AfterRequest next = co_await serve_request(buffer);
      if (next == AfterRequest::close_now) co_return;
      if (next == AfterRequest::linger_close) {
        idle_ = true;  // nothing left to finish: drain() may close it at once
        timer_.expires_after(kLingerLimit);
        co_await linger_close(stream_, timer_);
        co_return;
      }
    }
  }

  // True once the first byte of the next request is buffered.
  asio::awaitable<bool> await_request_start(beast::flat_buffer& buffer,
                                            std::chrono::milliseconds limit) {
    if (buffer.size() > 0) co_return true;
    timer_.expires_after(limit);
    auto read = co_await within(
        stream_.async_read_some(buffer.prepare(kReadChunk), asio::as_tuple(asio::use_awaitable)),
        timer_);
    if (!read || std::get<0>(*read)) co_return false;
    buffer.commit(std::get<1>(*read));
    co_return true;
  }

  asio::awaitable<AfterRequest> serve_request(beast::flat_buffer& buffer) {
    InFlightGuard in_flight(context_->in_flight);
    http::request_parser<http::string_body> parser;
    parser.body_limit(options().max_body_bytes);
    timer_.expires_after(options().header_timeout);
    auto header = co_await within(
        http::async_read_header(stream_, buffer, parser, asio::as_tuple(asio::use_awaitable)),
        timer_);
    if (!header) co_return AfterRequest::close_now;
    if (std::get<0>(*header)) co_return co_await reject(std::get<0>(*header));
    if (!parser.is_done() && beast::iequals(parser.get()[http::field::expect], "100-continue")) {
      http::response<http::empty_body> proceed{http::status::continue_, parser.get().version()};
      auto sent = co_await within(
          http::async_write(stream_, proceed, asio::as_tuple(asio::use_awaitable)), timer_);
      if (!sent || std::get<0>(*sent)) co_return AfterRequest::close_now;
    }
    auto body = co_await within(
        http::async_read(stream_, buffer, parser, asio::as_tuple(asio::use_awaitable)), timer_);
    if (!body) co_return AfterRequest::close_now;
    if (std::get<0>(*body)) co_return co_await reject(std::get<0>(*body));

    const bool keep_alive = parser.get().keep_alive();
    auto response = co_await respond_to(to_http_request(parser.release()));
    if (!response) co_return AfterRequest::close_now;
    co_return co_await send(std::move(*response), keep_alive && !draining_);
  }

  // Answers a request that could not be read, or just closes when the peer went away.
  asio::awaitable<AfterRequest> reject(const error_code& ec) {
    if (ec == http::error::body_limit) {
      co_return co_await send(
          json_error(413, "payload_too_large",
                     "request body exceeds the limit of " +
                         std::to_string(options().max_body_bytes) + " bytes; send a smaller body"),
          false);
    }
    if (is_malformed_request(ec)) {
      co_return co_await send(
          json_error(400, "bad_request", "malformed HTTP request: " + ec.message()), false);
    }
    co_return AfterRequest::close_now;
  }

  // The handler's response, or nullopt when force_close() cancelled it.
  asio::awaitable<std::optional<HttpResponse>> respond_to(HttpRequest request) {
    if constexpr (!std::is_same_v<Stream, UnixSocket>) {
      if (!context_->auth || !context_->auth->allows(request)) {
        http_logger()->warn("rejected {} {}: missing or wrong bearer token", request.method,
                            request.path());
        co_return unauthorized();
      }
    }
    const std::string method = request.method;
    const std::string path = request.path();
    try {
      HttpResponse response = co_await asio::co_spawn(
          executor(), context_->handler(std::move(request)),
          asio::bind_cancellation_slot(handler_cancel_.slot(), asio::use_awaitable));
      if (response.status < 100 || response.status > 599) {
        throw std::logic_error("handler returned HTTP status " + std::to_string(response.status));
      }
      co_return response;
    } catch (const std::exception& e) {
      if (force_closed_) co_return std::nullopt;
      http_logger()->error("handler for {} {} failed: {}", method, path, e.what());
    } catch (...) {
      if (force_closed_) co_return std::nullopt;
      http_logger()->error("handler for {} {} failed with an exception of unknown type", method,
                           path);
    }
    co_return json_error(500, "internal",
                         "internal error while serving the request; see the daemon log");
  }

  asio::awaitable<AfterRequest> send(HttpResponse response, bool keep_alive) {
    auto message = to_beast_response(std::move(response), keep_alive);
    timer_.expires_after(options().idle_timeout);
    auto written = co_await within(
        http::async_write(stream_, message, asio::as_tuple(asio::use_awaitable)), timer_);
    if (!written || std::get<0>(*written)) co_return AfterRequest::close_now;
    co_return keep_alive ? AfterRequest::keep_alive : AfterRequest::linger_close;
  }

  std::shared_ptr<ServerContext> context_;
  Stream stream_;
  asio::steady_timer timer_;
  asio::cancellation_signal handler_cancel_;
  bool idle_ = true;
  bool draining_ = false;
  bool force_closed_ = false;
};

}  // namespace

template <typename Stream>
std::shared_ptr<ServerConnection> make_server_connection(std::shared_ptr<ServerContext> context,
                                                         Stream stream) {
  return std::make_shared<StreamConnection<Stream>>(std::move(context), std::move(stream));
}

template std::shared_ptr<ServerConnection> make_server_connection(std::shared_ptr<ServerContext>,
                                                                  UnixSocket);
template std::shared_ptr<ServerConnection> make_server_connection(std::shared_ptr<ServerContext>,
                                                                  TcpSocket);
template std::shared_ptr<ServerConnection> make_server_connection(std::shared_ptr<ServerContext>,
                                                                  TlsStream);

}  // namespace ckpt::net::detail
