// Internal to ckpt_net. What a ResponseStream holds: its connection, the parser that has
// read the response head, and the body bytes received but not yet handed out. Shared by
// HttpClient::open_stream, which fills it, and ResponseStream, which reads from it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "net/detail/client_stream.hpp"
#include "net/http_message.hpp"
#include "net/response_stream.hpp"

namespace ckpt::net {

struct ResponseStream::State {
  State(boost::asio::any_io_executor executor_in, const Endpoint& endpoint,
        std::shared_ptr<boost::asio::ssl::context> tls_in, std::string peer_in, std::string what_in,
        std::size_t max_bytes_in)
      : executor(std::move(executor_in)),
        tls(std::move(tls_in)),
        stream(executor, endpoint, tls, peer_in),
        peer(std::move(peer_in)),
        what(std::move(what_in)),
        max_bytes(max_bytes_in) {
    parser.body_limit(boost::none);
  }

  boost::asio::any_io_executor executor;
  std::shared_ptr<boost::asio::ssl::context> tls;  // kept alive as long as the connection
  detail::ClientStream stream;
  detail::StreamingParser parser;
  std::string peer;  // "the Kubernetes API at https://10.0.0.1:443"
  std::string what;  // "GET /apis/..."
  std::size_t max_bytes;
  int status = 0;
  HttpHeaders headers;
  std::string pending;           // body bytes received and not yet returned
  std::optional<Error> failure;  // set once the stream is unusable
};

}  // namespace ckpt::net
