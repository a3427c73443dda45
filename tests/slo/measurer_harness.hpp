// Test fixture: a real slo::Measurer with an io_context run by a thread of its own and a
// blocking pool of two threads, as the daemon runs it; measure() waits for one
// measurement and says how long it took. Test servers may share the io_context
// (executor()); destroy them before the harness.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <thread>

#include "config/config.hpp"
#include "slo/measurer.hpp"

namespace ckpt::test {

struct Measured {
  Result<ResultValue> result;
  std::chrono::milliseconds took;
};

class MeasurerHarness {
 public:
  explicit MeasurerHarness(config::Config config = {});
  ~MeasurerHarness();
  MeasurerHarness(const MeasurerHarness&) = delete;
  MeasurerHarness& operator=(const MeasurerHarness&) = delete;

  Measured measure(ProviderSpec provider, Millis timeout, pg::ConnParams database = {});
  boost::asio::any_io_executor executor() { return io_.get_executor(); }

 private:
  config::Config config_;
  boost::asio::io_context io_;
  boost::asio::thread_pool blocking_{2};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  slo::Measurer measurer_;
  std::thread io_thread_;
};

// The value as core's to_string writes it ("0.4", "[1,2]", "[]"), or "error: <message>".
std::string describe(const Result<ResultValue>& result);

}  // namespace ckpt::test
