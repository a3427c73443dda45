#include "measurer_harness.hpp"

#include <boost/asio/co_spawn.hpp>
#include <future>

namespace ckpt::test {

MeasurerHarness::MeasurerHarness(config::Config config)
    : config_(std::move(config)),
      work_(io_.get_executor()),
      measurer_(io_.get_executor(), blocking_, config_),
      io_thread_([this] { io_.run(); }) {}

MeasurerHarness::~MeasurerHarness() {
  blocking_.join();
  work_.reset();
  io_.stop();
  io_thread_.join();
}

Measured MeasurerHarness::measure(ProviderSpec provider, Millis timeout, pg::ConnParams database) {
  const auto started = std::chrono::steady_clock::now();
  std::promise<Result<ResultValue>> promise;
  boost::asio::co_spawn(
      io_,
      [&]() -> boost::asio::awaitable<void> {
        promise.set_value(co_await measurer_.measure(std::move(provider), timeout, std::move(database)));
      },
      [&](const std::exception_ptr& failure) {
        if (failure) promise.set_exception(failure);
      });
  auto result = promise.get_future().get();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return Measured{std::move(result), took};
}

std::string describe(const Result<ResultValue>& result) {
  return result ? to_string(*result) : "error: " + result.error().message;
}

}  // namespace ckpt::test
