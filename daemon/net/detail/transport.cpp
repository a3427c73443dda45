#include "net/detail/transport.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>

#include "net/deadline.hpp"

namespace ckpt::net::detail {
namespace {

namespace asio = boost::asio;

template <typename Stream>
asio::awaitable<void> discard_until_peer_closes(Stream& stream) {
  std::array<char, 4096> scratch{};
  for (;;) {
    auto [ec, ignored] =
        co_await stream.async_read_some(asio::buffer(scratch), asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
  }
}

}  // namespace

template <typename Stream>
asio::awaitable<void> linger_close(Stream& stream, asio::steady_timer& deadline) {
  if constexpr (is_tls_v<Stream>) {
    const bool peer_closed = co_await within(discard_until_peer_closes(stream), deadline);
    if (peer_closed)
      co_await within(stream.async_shutdown(asio::as_tuple(asio::use_awaitable)), deadline);
  } else {
    boost::system::error_code ignored;
    stream.shutdown(asio::socket_base::shutdown_send, ignored);
    co_await within(discard_until_peer_closes(stream), deadline);
  }
  close_now(stream);
}

template <typename Stream>
asio::awaitable<void> close_after_response(Stream& stream, asio::steady_timer& deadline) {
  if constexpr (is_tls_v<Stream>) {
    co_await within(stream.async_shutdown(asio::as_tuple(asio::use_awaitable)), deadline);
  }
  close_now(stream);
}

template asio::awaitable<void> linger_close(UnixSocket&, asio::steady_timer&);
template asio::awaitable<void> linger_close(TcpSocket&, asio::steady_timer&);
template asio::awaitable<void> linger_close(TlsStream&, asio::steady_timer&);
template asio::awaitable<void> close_after_response(UnixSocket&, asio::steady_timer&);
template asio::awaitable<void> close_after_response(TcpSocket&, asio::steady_timer&);
template asio::awaitable<void> close_after_response(TlsStream&, asio::steady_timer&);

}  // namespace ckpt::net::detail
