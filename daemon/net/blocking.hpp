// run_blocking: await a blocking call (libpqxx, fsync, a child process) without holding an
// IO thread. f runs on the given thread pool; the awaiting coroutine resumes on its own
// executor afterwards, with f's result or with the exception f threw.
// Cancelling the awaiting coroutine does not interrupt f: it always runs to completion.
// The pool and the io_context post to each other: join the pool, then the IO threads, and
// only then destroy either.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <type_traits>
#include <utility>

namespace ckpt::net {
namespace detail {

// The call on the pool's side. `f` lives in run_blocking's frame, which outlives this
// coroutine. (A lambda coroutine capturing `f` would be the obvious form, but GCC 12
// destroys such a capture twice when the closure is moved into co_spawn: a callable that
// owns strings or containers would corrupt the heap.)
template <typename F>
boost::asio::awaitable<void> call_void(F& f) {
  f();
  co_return;
}

// co_spawn needs a default-constructible result (Result<T> is not): carry it in an optional.
template <typename F>
boost::asio::awaitable<std::optional<std::invoke_result_t<F>>> call_value(F& f) {
  co_return std::optional<std::invoke_result_t<F>>(f());
}

}  // namespace detail

// Callers pass a named callable (moved) or a lambda capturing by reference: GCC 12 also
// mishandles a temporary with a destructor passed by value into a co_await expression.
template <typename F>
boost::asio::awaitable<std::invoke_result_t<F>> run_blocking(boost::asio::thread_pool& pool, F f) {
  using R = std::invoke_result_t<F>;
  static_assert(!std::is_reference_v<R>, "run_blocking needs a callable that returns a value");
  if constexpr (std::is_void_v<R>) {
    co_await boost::asio::co_spawn(pool, detail::call_void(f), boost::asio::use_awaitable);
  } else {
    std::optional<R> result = co_await boost::asio::co_spawn(pool, detail::call_value(f), boost::asio::use_awaitable);
    co_return std::move(*result);
  }
}

}  // namespace ckpt::net
