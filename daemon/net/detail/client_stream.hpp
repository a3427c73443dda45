// Internal to ckpt_net. One client connection to an Endpoint over a Unix socket, TCP, or
// TLS over TCP (SNI plus host-name verification unless the endpoint says otherwise).
// It knows nothing of deadlines: callers bound its operations with within(), whose
// cancellation every operation honours. Kept apart from HttpClient's one-shot exchange
// so that long-lived streaming reads (watches) can reuse connect, write and close.
// Every failure is ErrorCode::unreachable, "cannot reach <peer>: <phase>: <reason>".
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "net/detail/beast_message.hpp"
#include "net/detail/transport.hpp"
#include "net/endpoint.hpp"

namespace ckpt::net::detail {

// Parses a response whose body the caller reads piece by piece into its own buffer.
using StreamingParser = boost::beast::http::response_parser<boost::beast::http::buffer_body>;

class ClientStream {
 public:
  // tls is the client context for TLS endpoints and is ignored otherwise. peer names the
  // other side in messages, e.g. "checkpointd at unix:///run/checkpointd.sock".
  ClientStream(boost::asio::any_io_executor executor, Endpoint endpoint,
               const std::shared_ptr<boost::asio::ssl::context>& tls, std::string peer);

  // Connects (and makes the TLS handshake); a failure carries reason kNotSent.
  boost::asio::awaitable<Result<void>> connect();
  boost::asio::awaitable<Result<void>> write(BeastRequest& request);
  // Reads one whole response with at most body_limit bytes of body.
  boost::asio::awaitable<Result<BeastResponse>> read_response(std::size_t body_limit);
  // Reads the status line and headers of a response into the parser.
  boost::asio::awaitable<Result<void>> read_header(StreamingParser& parser);
  // Reads and parses more of the body into the buffer the parser's body points at; it may
  // complete having stored nothing (e.g. after a chunk header). The parser is done at the
  // end of the body.
  boost::asio::awaitable<Result<void>> read_body_some(StreamingParser& parser);
  // Ends the connection after a complete response, within the timer's expiry.
  boost::asio::awaitable<void> close(boost::asio::steady_timer& deadline);

  // The Host header for requests on this connection.
  std::string host_header() const;

 private:
  using Transport = std::variant<UnixSocket, TcpSocket, TlsStream>;

  static Transport make_transport(const boost::asio::any_io_executor& executor,
                                  const Endpoint& endpoint,
                                  const std::shared_ptr<boost::asio::ssl::context>& tls);
  boost::asio::awaitable<Result<void>> establish();
  boost::asio::awaitable<Result<void>> connect_unix(UnixSocket& socket);
  boost::asio::awaitable<Result<void>> connect_tcp(TcpSocket& socket);
  boost::asio::awaitable<Result<void>> handshake(TlsStream& stream);
  // The outcome of a read into the parser: a TLS peer's missing close_notify is the end
  // of the stream, any other error is unreachable.
  template <typename Parser>
  Result<void> read_outcome(boost::system::error_code ec, Parser& parser,
                            std::string_view phase) const;
  Error unreachable(std::string_view phase, std::string_view reason) const;

  boost::asio::any_io_executor executor_;
  Endpoint endpoint_;
  std::string peer_;
  Transport transport_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace ckpt::net::detail
