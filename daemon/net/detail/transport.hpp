// Internal to ckpt_net. The three transports the HTTP layer speaks over (Unix socket,
// TCP, TLS over TCP) and the few operations whose spelling differs between them.
// All functions must run on the stream's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include <type_traits>

namespace ckpt::net::detail {

using UnixSocket = boost::asio::local::stream_protocol::socket;
using TcpSocket = boost::asio::ip::tcp::socket;
using TlsStream = boost::asio::ssl::stream<TcpSocket>;

template <typename Stream>
inline constexpr bool is_tls_v = std::is_same_v<Stream, TlsStream>;

// The socket under the stream.
inline UnixSocket& socket_of(UnixSocket& stream) { return stream; }
inline TcpSocket& socket_of(TcpSocket& stream) { return stream; }
inline TcpSocket& socket_of(TlsStream& stream) { return stream.next_layer(); }

// Closes the socket at once; pending operations complete with operation_aborted.
template <typename Stream>
void close_now(Stream& stream) {
  boost::system::error_code ignored;
  socket_of(stream).close(ignored);
}

// Server side, after the last response on a connection: stop sending (TLS: close_notify)
// and discard whatever the peer still sends until it closes or the timer expires, so the
// peer reads the response instead of a connection reset. Then closes the socket.
template <typename Stream>
boost::asio::awaitable<void> linger_close(Stream& stream, boost::asio::steady_timer& deadline);

// Client side, after a complete response: TLS close_notify exchange (a peer that just
// closes, stream_truncated, is fine) bounded by the timer, then close the socket.
template <typename Stream>
boost::asio::awaitable<void> close_after_response(Stream& stream,
                                                  boost::asio::steady_timer& deadline);

}  // namespace ckpt::net::detail
