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

template <typename F>
boost::asio::awaitable<std::invoke_result_t<F>> run_blocking(boost::asio::thread_pool& pool, F f) {
  using R = std::invoke_result_t<F>;
  static_assert(!std::is_reference_v<R>, "run_blocking needs a callable that returns a value");
  if constexpr (std::is_void_v<R>) {
    co_await boost::asio::co_spawn(
        pool,
        [f = std::move(f)]() mutable -> boost::asio::awaitable<void> {
          f();
          co_return;
        },
        boost::asio::use_awaitable);
  } else {
    // co_spawn needs a default-constructible result (Result<T> is not): carry it in an optional.
    std::optional<R> result = co_await boost::asio::co_spawn(
        pool,
        [f = std::move(f)]() mutable -> boost::asio::awaitable<std::optional<R>> {
          co_return std::optional<R>(f());
        },
        boost::asio::use_awaitable);
    co_return std::move(*result);
  }
}

}  // namespace ckpt::net
