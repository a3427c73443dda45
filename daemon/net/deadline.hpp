// within(): await an operation against a steady_timer's expiry. When the timer fires first
// the operation is cancelled (terminal cancellation) and within() reports that the
// deadline passed. The operation must not throw; use as_tuple(use_awaitable) for Asio and
// Beast operations, and Result values for coroutines. Cancelling the coroutine that awaits
// within() cancels both the operation and the timer. On an io_context run by several
// threads the awaiting coroutine must run on a strand: the two branches complete and
// cancel each other through Asio's cancellation slots, which are not thread-safe.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <utility>

namespace ckpt::net {

// The operation's result, or nullopt when the timer expired first.
template <typename T>
boost::asio::awaitable<std::optional<T>> within(boost::asio::awaitable<T> operation,
                                                boost::asio::steady_timer& deadline) {
  using namespace boost::asio::experimental::awaitable_operators;
  auto outcome = co_await (std::move(operation) ||
                           deadline.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable)));
  if (outcome.index() == 1) co_return std::nullopt;
  co_return std::move(std::get<0>(outcome));
}

// True when the operation finished before the timer expired.
inline boost::asio::awaitable<bool> within(boost::asio::awaitable<void> operation,
                                           boost::asio::steady_timer& deadline) {
  using namespace boost::asio::experimental::awaitable_operators;
  auto outcome = co_await (std::move(operation) ||
                           deadline.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable)));
  co_return outcome.index() == 0;
}

}  // namespace ckpt::net
