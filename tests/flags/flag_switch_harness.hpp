// Test support: a FlagSwitch over flag scopes the test configures, with two blocking
// threads, its calls driven on an io_context run by the test thread (the one a
// KubeServerTest's client uses, when there is one).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "flags/flag_switch.hpp"

namespace ckpt::flags::testing {

class FlagSwitchHarness {
 public:
  FlagSwitchHarness(boost::asio::io_context& io, std::vector<config::FlagBackend> scopes,
                    kube::KubeClient* kube = nullptr)
      : io_(io), config_(config_with(std::move(scopes))), flags_(io.get_executor(), blocking_, config_, kube) {}
  ~FlagSwitchHarness() { blocking_.join(); }
  FlagSwitchHarness(const FlagSwitchHarness&) = delete;
  FlagSwitchHarness& operator=(const FlagSwitchHarness&) = delete;

  Result<void> set(std::string scope, std::string flag, bool on, FlagChangeContext context = {"c0ffee", "test"}) {
    return run(flags_.set(std::move(scope), std::move(flag), on, std::move(context)));
  }
  Result<std::optional<bool>> read(std::string scope, std::string flag) {
    return run(flags_.read(std::move(scope), std::move(flag)));
  }
  FlagSwitch& flags() { return flags_; }

  // Runs the coroutine on the io_context until it finishes and returns its value.
  template <typename T>
  T run(boost::asio::awaitable<T> task) {
    std::optional<T> result;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        io_, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
        [&](std::exception_ptr thrown) { failure = thrown; });
    io_.restart();
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

 private:
  static config::Config config_with(std::vector<config::FlagBackend> scopes) {
    config::Config config;
    config.flag_backends = std::move(scopes);
    return config;
  }

  boost::asio::io_context& io_;
  config::Config config_;
  boost::asio::thread_pool blocking_{2};
  FlagSwitch flags_;
};

}  // namespace ckpt::flags::testing
