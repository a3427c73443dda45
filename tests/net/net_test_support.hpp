// Test support for the HTTP layer's tests: a temporary directory, an io_context run by two
// threads (as in the daemon), a way to await a coroutine from a test body, and a raw
// HTTP/1.1 connection over a Unix socket for what HttpClient deliberately cannot do
// (garbage bytes, several requests on one connection).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "net/http_message.hpp"

namespace ckpt::net::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

class IoThreads {
 public:
  IoThreads();
  ~IoThreads();
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  boost::asio::any_io_executor executor() { return io_.get_executor(); }

  // Runs the coroutine on the io_context and blocks the calling thread until it finishes;
  // rethrows what it threw.
  template <typename T>
  T run(boost::asio::awaitable<T> coroutine) {
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    boost::asio::co_spawn(
        io_,
        [promise, coroutine = std::move(coroutine)]() mutable -> boost::asio::awaitable<void> {
          if constexpr (std::is_void_v<T>) {
            co_await std::move(coroutine);
            promise->set_value();
          } else {
            promise->set_value(co_await std::move(coroutine));
          }
        },
        [promise](std::exception_ptr failure) {
          if (failure) promise->set_exception(failure);
        });
    return future.get();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

// Suspends the calling coroutine; throws operation_aborted when cancelled.
boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds duration);

// A blocking HTTP/1.1 connection to a Unix socket.
class RawConnection {
 public:
  explicit RawConnection(const std::string& socket_path);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends one keep-alive request and reads its response.
  HttpResponse send(const HttpRequest& request);
  // Sends bytes as they are.
  void send_bytes(std::string_view bytes);
  // Reads the next response (an interim 100 Continue counts as one).
  HttpResponse read_response();
  // Everything received until the server closes the connection.
  std::string read_until_closed();
  // True when the server closes the connection within the timeout without sending more.
  bool closed_by_server_within(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ckpt::net::testing
