// The transport of the test server's connections, TLS over a Beast tcp_stream (whose
// expires_after gives every read and write a deadline), and what a connection shares with
// the server that accepted it.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <memory>

namespace ckpt::kubeapi {

class ApiRouter;
class Faults;
class ResourceStore;

using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

struct ConnectionContext {
  std::shared_ptr<boost::asio::ssl::context> tls;
  const ApiRouter& router;
  ResourceStore& store;
  Faults& faults;
  // How often a watch that allows bookmarks gets one.
  std::chrono::milliseconds bookmark_interval;
};

}  // namespace ckpt::kubeapi
