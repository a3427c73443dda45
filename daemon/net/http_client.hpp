// HttpClient: one HTTP/1.1 request and its whole response per call, to checkpointd (or any
// HTTP server) over a Unix socket, TCP or TLS.
//
// Guarantees:
// - The deadline covers connect, TLS handshake, sending and receiving; when it passes the
//   operations are cancelled and the error is ErrorCode::deadline_exceeded.
// - A connection or transport failure is ErrorCode::unreachable with the message
//   "cannot reach <peer> at <endpoint>: <phase>: <reason>"; a TLS certificate problem
//   reads e.g. "...: TLS handshake: certificate verify failed ...".
// - TLS sends SNI and verifies the certificate against the endpoint's host (CA from
//   ca_file, else the system's) unless insecure_skip_verify.
// - Host and Content-Length are set; every other header, Authorization included, is the
//   caller's and passed through as given. Each request uses a fresh connection.
// - A transport failure before any byte of the request was sent (resolve, connect, TLS
//   handshake) carries reason kNotSent, so callers may safely retry even non-idempotent
//   requests after it.
// - Any HTTP status is a successful Result: the caller interprets 4xx/5xx bodies.
// - open_stream() gives the response head and leaves the body to be read incrementally
//   (net/response_stream.hpp), e.g. for watches and other long-lived responses.
// The HttpClient must outlive the requests it runs; one client may run several at once.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "net/endpoint.hpp"
#include "net/http_message.hpp"
#include "net/response_stream.hpp"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace ckpt::net {

struct ClientOptions {
  // Names the server in error messages: "cannot reach <peer_name> at <endpoint>: ...".
  std::string peer_name = "checkpointd";
  std::size_t max_response_bytes = 64 * 1024 * 1024;
};

// Error.reason of an unreachable error raised before the request was sent.
inline constexpr std::string_view kNotSent = "not_sent";

class HttpClient {
 public:
  HttpClient(boost::asio::any_io_executor executor, Endpoint endpoint, ClientOptions options = {});

  boost::asio::awaitable<Result<HttpResponse>> request(HttpRequest request,
                                                       std::chrono::milliseconds deadline);

  // Sends the request and returns once the response's status line and headers arrived
  // (within the deadline); the body is read from the stream. max_response_bytes bounds
  // one line of it (and read_rest()), not the whole stream.
  boost::asio::awaitable<Result<std::unique_ptr<ResponseStream>>> open_stream(
      HttpRequest request, std::chrono::milliseconds deadline);

  const Endpoint& endpoint() const { return endpoint_; }

 private:
  boost::asio::any_io_executor executor_;
  Endpoint endpoint_;
  ClientOptions options_;
  // The TLS client context (null without TLS), or why it could not be built.
  Result<std::shared_ptr<boost::asio::ssl::context>> tls_;
};

// Builds the TLS client context the endpoint describes (nothing to do without TLS) and
// reports why it cannot be built: an unreadable file, text that is not PEM, a key that
// does not match its certificate. Lets a configuration be rejected when it is loaded
// rather than at its first request.
Result<void> check_tls_settings(const Endpoint& endpoint);

// For command-line tools: runs one request on a private io_context and returns when done.
Result<HttpResponse> request_blocking(const Endpoint& endpoint, HttpRequest request,
                                      std::chrono::milliseconds deadline,
                                      ClientOptions options = {});

}  // namespace ckpt::net
