// Background coroutines of the service layer (backup, restore and migration pipelines):
// each runs on a strand of its own over the IO executor, is counted while it runs, and
// an exception that escapes it is logged instead of taking the daemon down.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace ckpt::service {

class BackgroundTasks {
 public:
  explicit BackgroundTasks(boost::asio::any_io_executor io) : io_(std::move(io)) {}

  void spawn(boost::asio::awaitable<void> task);
  int running() const { return running_.load(); }

 private:
  boost::asio::any_io_executor io_;
  std::atomic<int> running_{0};
};

}  // namespace ckpt::service
