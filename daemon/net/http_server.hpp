// HttpServer: HTTP/1.1 with keep-alive over Unix sockets and TCP (optionally TLS), serving
// every request through one coroutine handler that sees only plain HttpRequest and
// HttpResponse values.
//
// Guarantees:
// - Safe on an io_context run by several threads: each connection runs on its own strand,
//   the listeners and the connection registry on the server's strand. The handler runs on
//   its connection's strand; different connections call it concurrently.
// - Every response carries Content-Length, Content-Type and "Server: checkpointd".
// - Bodies over max_body_bytes get 413 payload_too_large, malformed requests 400
//   bad_request, both answered before the connection closes. A handler that throws gets
//   500 internal, and the exception is logged to the spdlog logger "http".
// - On TCP listeners every request except those for unauthenticated_paths must carry
//   "Authorization: Bearer <token>", else 401 unauthorized with "WWW-Authenticate: Bearer";
//   the comparison is constant-time and the token is never logged. Unix-socket requests
//   are not token-checked: the socket file's mode is their access control.
// - shutdown() stops accepting, closes idle keep-alive connections at once, lets requests
//   in flight finish for up to `grace`, then cancels the handlers still running and closes
//   their connections. Handlers stuck in work that ignores cancellation (run_blocking)
//   get at most one more second before shutdown() returns regardless.
//
// Usage: construct, call listen_unix / listen_tcp, start(), and finally
// co_await shutdown(grace). Destroy the server before its io_context.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/http_message.hpp"

namespace ckpt::net {

using HttpHandler = std::function<boost::asio::awaitable<HttpResponse>(HttpRequest)>;

struct ServerOptions {
  std::size_t max_body_bytes = 64 * 1024;
  // Time for a request's headers and body to arrive once its first byte has; also bounds
  // the TLS handshake and the wait for a new connection's first request.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  // Time a keep-alive connection may wait for its next request, and for a response to be
  // written to a slow reader.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  // Required for listen_tcp; never logged.
  std::optional<std::string> bearer_token;
  // Paths served without a token on TCP listeners, e.g. "/healthz", "/readyz".
  std::vector<std::string> unauthenticated_paths;
};

// PEM certificate chain and private key of a TLS listener.
struct TlsServerFiles {
  std::string cert_file;
  std::string key_file;
};

class HttpServer {
 public:
  HttpServer(boost::asio::any_io_executor executor, HttpHandler handler, ServerOptions options);
  // Closes listeners and connections without waiting; prefer co_await shutdown() first.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on a Unix socket with the given file mode (e.g. 0660). A leftover socket file
  // is replaced only when nothing answers on it; if something does, the error says
  // "another daemon is listening on <path>". The file is removed again at shutdown.
  // Call before start().
  Result<void> listen_unix(const std::string& path, unsigned mode);

  // Listens on an IP address ("127.0.0.1", "::", ...) and port (0: any free port), with
  // TLS when files are given. Requires options.bearer_token. Returns the bound port.
  // Call before start().
  Result<std::uint16_t> listen_tcp(const std::string& address, std::uint16_t port,
                                   const std::optional<TlsServerFiles>& tls);

  // Starts accepting on every listener.
  void start();

  // Graceful, bounded stop; see the guarantees above. Safe to await from any executor.
  boost::asio::awaitable<void> shutdown(std::chrono::milliseconds grace);

  // Requests received whose response has not been written yet.
  std::size_t in_flight() const;

 private:
  class State;
  std::shared_ptr<State> state_;
};

}  // namespace ckpt::net
