#include "net/detail/client_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/un.h>

#include "net/detail/tls_context.hpp"
#include "net/http_client.hpp"

namespace ckpt::net::detail {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

}  // namespace

ClientStream::ClientStream(asio::any_io_executor executor, Endpoint endpoint,
                           const std::shared_ptr<asio::ssl::context>& tls, std::string peer)
    : executor_(std::move(executor)),
      endpoint_(std::move(endpoint)),
      peer_(std::move(peer)),
      transport_(make_transport(executor_, endpoint_, tls)) {}

ClientStream::Transport ClientStream::make_transport(
    const asio::any_io_executor& executor, const Endpoint& endpoint,
    const std::shared_ptr<asio::ssl::context>& tls) {
  if (endpoint.kind == Endpoint::Kind::unix_socket)
    return Transport(std::in_place_type<UnixSocket>, executor);
  if (endpoint.tls) return Transport(std::in_place_type<TlsStream>, executor, *tls);
  return Transport(std::in_place_type<TcpSocket>, executor);
}

asio::awaitable<Result<void>> ClientStream::connect() {
  auto connected = co_await establish();
  if (connected) co_return connected;
  Error failure = std::move(connected).error();
  failure.reason = std::string(kNotSent);
  co_return failure;
}

asio::awaitable<Result<void>> ClientStream::establish() {
  if (auto* unix_socket = std::get_if<UnixSocket>(&transport_))
    co_return co_await connect_unix(*unix_socket);
  auto* tls = std::get_if<TlsStream>(&transport_);
  TcpSocket& socket = tls ? tls->next_layer() : std::get<TcpSocket>(transport_);
  auto connected = co_await connect_tcp(socket);
  if (!connected || !tls) co_return connected;
  co_return co_await handshake(*tls);
}

asio::awaitable<Result<void>> ClientStream::connect_unix(UnixSocket& socket) {
  if (endpoint_.path.size() >= sizeof(sockaddr_un{}.sun_path)) {
    co_return unreachable("connect", "the socket path is longer than " +
                                         std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
                                         " bytes");
  }
  auto [ec] = co_await socket.async_connect(asio::local::stream_protocol::endpoint(endpoint_.path),
                                            asio::as_tuple(asio::use_awaitable));
  if (ec) co_return unreachable("connect", ec.message());
  co_return Result<void>{};
}

asio::awaitable<Result<void>> ClientStream::connect_tcp(TcpSocket& socket) {
  asio::ip::tcp::resolver resolver(executor_);
  auto [resolve_ec, addresses] = co_await resolver.async_resolve(
      endpoint_.host, std::to_string(endpoint_.port), asio::as_tuple(asio::use_awaitable));
  if (resolve_ec) co_return unreachable("resolve " + endpoint_.host, resolve_ec.message());
  auto [connect_ec, ignored] =
      co_await asio::async_connect(socket, addresses, asio::as_tuple(asio::use_awaitable));
  if (connect_ec) co_return unreachable("connect", connect_ec.message());
  co_return Result<void>{};
}

asio::awaitable<Result<void>> ClientStream::handshake(TlsStream& stream) {
  if (auto prepared = prepare_client_stream(stream, endpoint_); !prepared) co_return prepared;
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client,
                                              asio::as_tuple(asio::use_awaitable));
  if (ec) co_return unreachable("TLS handshake", ec.message());
  co_return Result<void>{};
}

asio::awaitable<Result<void>> ClientStream::write(BeastRequest& request) {
  auto [ec, ignored] = co_await std::visit(
      [&](auto& stream) {
        return http::async_write(stream, request, asio::as_tuple(asio::use_awaitable));
      },
      transport_);
  if (ec) co_return unreachable("send request", ec.message());
  co_return Result<void>{};
}

asio::awaitable<Result<BeastResponse>> ClientStream::read_response(std::size_t body_limit) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  auto [ec, ignored] = co_await std::visit(
      [&](auto& stream) {
        return http::async_read(stream, buffer_, parser, asio::as_tuple(asio::use_awaitable));
      },
      transport_);
  auto read = read_outcome(ec, parser, "read response");
  if (!read) co_return std::move(read).error();
  co_return parser.release();
}

asio::awaitable<Result<void>> ClientStream::read_header(StreamingParser& parser) {
  auto [ec, ignored] = co_await std::visit(
      [&](auto& stream) {
        return http::async_read_header(stream, buffer_, parser,
                                       asio::as_tuple(asio::use_awaitable));
      },
      transport_);
  co_return read_outcome(ec, parser, "read response");
}

asio::awaitable<Result<void>> ClientStream::read_body_some(StreamingParser& parser) {
  auto [ec, ignored] = co_await std::visit(
      [&](auto& stream) {
        return http::async_read_some(stream, buffer_, parser, asio::as_tuple(asio::use_awaitable));
      },
      transport_);
  if (ec == http::error::need_buffer) ec = {};  // the caller's buffer is full
  co_return read_outcome(ec, parser, "read response body");
}

template <typename Parser>
Result<void> ClientStream::read_outcome(error_code ec, Parser& parser,
                                        std::string_view phase) const {
  if (ec == asio::ssl::error::stream_truncated) {
    // A TLS peer that closes without close_notify: end of stream, which completes a body
    // delimited by the connection's end and is partial_message otherwise.
    ec = {};
    parser.put_eof(ec);
  }
  if (ec) return unreachable(phase, ec.message());
  return {};
}

asio::awaitable<void> ClientStream::close(asio::steady_timer& deadline) {
  co_await std::visit([&](auto& stream) { return close_after_response(stream, deadline); },
                      transport_);
}

std::string ClientStream::host_header() const {
  return endpoint_.kind == Endpoint::Kind::unix_socket ? "localhost" : endpoint_.authority();
}

Error ClientStream::unreachable(std::string_view phase, std::string_view reason) const {
  return make_error(ErrorCode::unreachable, "cannot reach " + peer_ + ": " + std::string(phase) +
                                                ": " + std::string(reason));
}

}  // namespace ckpt::net::detail
