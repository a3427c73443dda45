#include "kubeapi/server/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <exception>
#include <string>
#include <variant>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/api_router.hpp"
#include "kubeapi/server/faults.hpp"
#include "kubeapi/server/logger.hpp"
#include "kubeapi/server/responses.hpp"
#include "kubeapi/server/watch_stream.hpp"

namespace ckpt::kubeapi {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::as_tuple;
using asio::use_awaitable;

constexpr std::chrono::seconds kHandshakeTimeout{10};
constexpr std::chrono::seconds kIdleTimeout{120};
constexpr std::chrono::seconds kWriteTimeout{30};
constexpr std::chrono::seconds kShutdownTimeout{2};
constexpr std::uint64_t kMaxBodyBytes = 8 * 1024 * 1024;

net::HttpRequest to_plain(http::request<http::string_body>&& request) {
  net::HttpRequest plain;
  plain.method = std::string(request.method_string());
  plain.target = std::string(request.target());
  for (const auto& field : request)
    plain.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  plain.body = std::move(request.body());
  return plain;
}

http::response<http::string_body> to_beast(const net::HttpResponse& response, unsigned version,
                                           bool keep_alive) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "checkpointd-kube-api-test-server");
  message.set(http::field::content_type, response.content_type);
  message.set(http::field::cache_control, "no-cache, private");
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

EndpointResult route_safely(const ApiRouter& router, const net::HttpRequest& request) {
  try {
    return router.route(request);
  } catch (const std::exception& failure) {
    logger()->error("{} {} failed: {}", request.method, request.path(), failure.what());
    return status_response(
        api_error(reason::kInternalError, std::string("internal error: ") + failure.what()));
  }
}

asio::awaitable<void> apply_injected_delay(const ConnectionContext& context,
                                           const net::HttpRequest& request) {
  const auto delay = context.faults.delay();
  if (delay.count() <= 0 || request.path().starts_with("/_test/")) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(as_tuple(use_awaitable));
}

asio::awaitable<void> close_gracefully(TlsStream& stream) {
  beast::get_lowest_layer(stream).expires_after(kShutdownTimeout);
  co_await stream.async_shutdown(as_tuple(use_awaitable));
  beast::get_lowest_layer(stream).close();
}

}  // namespace

asio::awaitable<void> serve_connection(asio::ip::tcp::socket socket,
                                       std::shared_ptr<const ConnectionContext> context) {
  auto stream = std::make_shared<TlsStream>(beast::tcp_stream(std::move(socket)), *context->tls);
  beast::get_lowest_layer(*stream).expires_after(kHandshakeTimeout);
  auto [handshake_error] =
      co_await stream->async_handshake(asio::ssl::stream_base::server, as_tuple(use_awaitable));
  if (handshake_error) co_return;

  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    beast::get_lowest_layer(*stream).expires_after(kIdleTimeout);
    auto [read_error, read_bytes] =
        co_await http::async_read(*stream, buffer, parser, as_tuple(use_awaitable));
    if (read_error) break;
    const unsigned version = parser.get().version();
    const bool keep_alive = parser.get().keep_alive();
    const net::HttpRequest request = to_plain(parser.release());

    co_await apply_injected_delay(*context, request);
    auto routed = route_safely(context->router, request);
    if (auto* watch = std::get_if<WatchRequest>(&routed)) {
      co_await stream_watch(stream, std::move(*watch), *context, version);
      co_return;
    }
    auto response = to_beast(std::get<net::HttpResponse>(routed), version, keep_alive);
    beast::get_lowest_layer(*stream).expires_after(kWriteTimeout);
    auto [write_error, written_bytes] =
        co_await http::async_write(*stream, response, as_tuple(use_awaitable));
    if (write_error || !keep_alive) break;
  }
  co_await close_gracefully(*stream);
}

}  // namespace ckpt::kubeapi
