// Internal to ckpt_net. One accepted connection of HttpServer: reads requests, checks the
// bearer token (TCP and TLS only), calls the handler and writes responses until the peer
// or the server closes it. drain() and force_close() are the server's two ways to end it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>

#include "net/detail/server_context.hpp"

namespace ckpt::net::detail {

class ServerConnection {
 public:
  virtual ~ServerConnection() = default;

  // The connection's strand; run(), drain() and force_close() must run on it.
  virtual boost::asio::any_io_executor executor() = 0;

  // Serves the connection until it closes. Does not throw.
  virtual boost::asio::awaitable<void> run() = 0;

  // Closes at once when waiting for a request; otherwise finishes the current request,
  // answers it with "Connection: close" and closes.
  virtual void drain() = 0;

  // Cancels the running handler and closes the socket now.
  virtual void force_close() = 0;
};

// Stream is UnixSocket, TcpSocket or TlsStream (handshake not done yet), bound to a strand.
template <typename Stream>
std::shared_ptr<ServerConnection> make_server_connection(std::shared_ptr<ServerContext> context,
                                                         Stream stream);

}  // namespace ckpt::net::detail
