// A plain HTTP/1.1 server for the demo service: one TCP address, no authentication, no
// TLS (checkpointd's net::HttpServer insists on a bearer token on TCP; Prometheus
// scraping a demo target needs none). Keep-alive; a request may take 30 s to arrive and
// carry at most 64 KiB of body, else its connection is closed. The handler sees the
// plain net::HttpRequest / HttpResponse values and runs on the listener's executor.
// Usage: listen(), start(), and stop() before the io_context goes.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "net/http_message.hpp"

namespace ckpt::demo {

using RequestHandler = std::function<net::HttpResponse(const net::HttpRequest&)>;

class HttpListener {
 public:
  HttpListener(boost::asio::any_io_executor executor, RequestHandler handler);

  // Binds the address ("127.0.0.1", "::1") and port (0: any free one); the bound port.
  Result<std::uint16_t> listen(const std::string& address, std::uint16_t port);
  void start();
  // Stops accepting; connections end with their current request.
  void stop();

 private:
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<const RequestHandler> handler_;
};

}  // namespace ckpt::demo
