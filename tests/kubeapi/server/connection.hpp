// Serves one accepted TCP connection: TLS handshake, then HTTP/1.1 requests with keep-alive,
// each answered through the ApiRouter (after the injected delay, if any), until the client
// closes, a deadline passes (10 s handshake, 120 s idle, 30 s per write), or a watch takes
// the connection over. A router exception becomes a 500 InternalError Status (and a log line).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>

#include "kubeapi/server/tls_stream.hpp"

namespace ckpt::kubeapi {

boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket,
                                              std::shared_ptr<const ConnectionContext> context);

}  // namespace ckpt::kubeapi
