#include "net/response_stream.hpp"

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <utility>

#include "net/deadline.hpp"
#include "net/detail/response_stream_state.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using State = ResponseStream::State;

constexpr std::size_t kReadSize = 16 * 1024;

// Parses more of the body and appends the bytes it yields to state.pending.
asio::awaitable<Result<void>> receive(State& state) {
  std::array<char, kReadSize> scratch{};
  auto& body = state.parser.get().body();
  body.data = scratch.data();
  body.size = scratch.size();
  auto read = co_await state.stream.read_body_some(state.parser);
  state.pending.append(scratch.data(), scratch.size() - body.size);
  body.data = nullptr;
  body.size = 0;
  co_return read;
}

// Receives more body bytes before the timer expires; false when it expired. A failed
// read leaves its error in state.failure, and so does a cancellation of the caller.
asio::awaitable<bool> receive_before(State& state, asio::steady_timer& timer) {
  state.failure = make_error(ErrorCode::unreachable,
                             "reading the response from " + state.peer + " to " + state.what + " was interrupted");
  auto outcome = co_await within(receive(state), timer);
  // A cancelled caller cancels the read and the timer alike, and either may finish first:
  // look at the cancellation before taking a finished timer for an expired one.
  auto cancellation = co_await asio::this_coro::cancellation_state;
  if (cancellation.cancelled() != asio::cancellation_type::none) co_return true;
  if (!outcome) co_return false;
  state.failure.reset();
  if (!*outcome) state.failure = std::move(*outcome).error();
  co_return true;
}

std::optional<std::string> take_line(std::string& pending) {
  const auto newline = pending.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  std::string line = pending.substr(0, newline);
  pending.erase(0, newline + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Error too_large(const State& state, std::string_view what) {
  return make_error(ErrorCode::bad_request, std::string(what) + " of the response from " + state.peer + " to " +
                                                state.what + " is longer than " + std::to_string(state.max_bytes) +
                                                " bytes; raise max_response_bytes if that is expected");
}

}  // namespace

ResponseStream::ResponseStream(std::unique_ptr<State> state) : state_(std::move(state)) {}

ResponseStream::~ResponseStream() = default;

int ResponseStream::status() const {
  return state_->status;
}

const HttpHeaders& ResponseStream::headers() const {
  return state_->headers;
}

std::string ResponseStream::header(std::string_view name) const {
  for (const auto& [key, value] : state_->headers) {
    if (equals_ignore_case(key, name)) return value;
  }
  return {};
}

asio::awaitable<Result<std::optional<std::string>>> ResponseStream::next_line(std::chrono::milliseconds idle_deadline) {
  State& state = *state_;
  for (;;) {
    if (state.failure) co_return *state.failure;
    auto line = take_line(state.pending);
    if (line && line->size() > state.max_bytes) {
      state.failure = too_large(state, "a line");
      continue;
    }
    if (line) co_return std::move(line);
    if (state.parser.is_done()) {
      if (state.pending.empty()) co_return std::optional<std::string>();
      co_return std::optional<std::string>(std::exchange(state.pending, {}));
    }
    if (state.pending.size() > state.max_bytes) {
      state.failure = too_large(state, "a line");
      continue;
    }
    asio::steady_timer timer(state.executor, idle_deadline);
    const bool in_time = co_await receive_before(state, timer);
    if (!in_time) {
      state.failure =
          make_error(ErrorCode::deadline_exceeded, "no data from " + state.peer + " on " + state.what + " for " +
                                                       std::to_string(idle_deadline.count()) + " ms");
    }
  }
}

asio::awaitable<Result<std::string>> ResponseStream::read_rest(std::chrono::milliseconds deadline) {
  State& state = *state_;
  asio::steady_timer timer(state.executor, deadline);
  for (;;) {
    if (state.failure) co_return *state.failure;
    if (state.parser.is_done()) co_return std::exchange(state.pending, {});
    if (state.pending.size() > state.max_bytes) {
      state.failure = too_large(state, "the body");
      continue;
    }
    const bool in_time = co_await receive_before(state, timer);
    if (!in_time) {
      state.failure = make_error(ErrorCode::deadline_exceeded, "the response body from " + state.peer + " to " +
                                                                   state.what + " did not arrive within " +
                                                                   std::to_string(deadline.count()) + " ms");
    }
  }
}

}  // namespace ckpt::net
