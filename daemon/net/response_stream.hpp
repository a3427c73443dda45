// ResponseStream: an HTTP response whose status line and headers have arrived and whose
// body is read incrementally, as it comes, for long-lived responses such as Kubernetes
// watches (a chunked body of newline-terminated JSON events). Opened by
// HttpClient::open_stream; owns its connection, which is closed when it is destroyed.
//
// Guarantees:
// - Chunked and Content-Length bodies, and bodies that end with the connection, are
//   decoded by the HTTP parser; callers see body bytes only.
// - next_line() gives the body line by line without the "\n" (and a "\r" before it); a
//   last line without a newline is delivered before the end. nullopt means the body ended
//   properly (final chunk, or all Content-Length bytes).
// - The idle deadline of next_line() bounds the wait for the next bytes: it restarts
//   whenever data arrives. When it passes: ErrorCode::deadline_exceeded. A connection that
//   breaks mid-body (no final chunk) is ErrorCode::unreachable. A line longer than the
//   client's max_response_bytes is ErrorCode::bad_request.
// - After any error (an expired deadline, a broken connection, or the awaiting coroutine
//   being cancelled mid-read) the stream is unusable: every later call returns that error.
// - Operations run on the HttpClient's executor, one at a time per stream.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "net/http_message.hpp"

namespace ckpt::net {

class ResponseStream {
 public:
  // Internal: the open connection and its parser (defined in response_stream.cpp).
  struct State;

  explicit ResponseStream(std::unique_ptr<State> state);
  ~ResponseStream();
  ResponseStream(const ResponseStream&) = delete;
  ResponseStream& operator=(const ResponseStream&) = delete;

  int status() const;
  // Every header as received.
  const HttpHeaders& headers() const;
  // Value of the first header with this name (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;

  // The next line of the body, or nullopt at its end.
  boost::asio::awaitable<Result<std::optional<std::string>>> next_line(std::chrono::milliseconds idle_deadline);

  // The rest of the body as one string (e.g. the JSON of an error answer), read within the
  // deadline; bad_request when it exceeds max_response_bytes.
  boost::asio::awaitable<Result<std::string>> read_rest(std::chrono::milliseconds deadline);

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ckpt::net
