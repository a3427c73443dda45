#include "net/blocking.hpp"

#include <gtest/gtest.h>

#include <boost/asio/strand.hpp>

#include <stdexcept>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "net_test_support.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;

// Each side posts to the other, so neither may be destroyed while the other's threads run:
// join the pool, then the IO threads (destroying io), then destroy the pool.
class RunBlocking : public ::testing::Test {
 protected:
  ~RunBlocking() override { pool.join(); }

  asio::thread_pool pool{1};
  testing::IoThreads io;
};

TEST_F(RunBlocking, RunsOnThePoolAndResumesOnTheCallersExecutor) {
  auto strand = asio::make_strand(io.executor());
  const auto outcome = io.run(asio::co_spawn(
      strand,
      [&]() -> asio::awaitable<std::pair<bool, bool>> {
        const auto caller = std::this_thread::get_id();
        const bool ran_elsewhere =
            co_await run_blocking(pool, [caller] { return std::this_thread::get_id() != caller; });
        co_return std::pair{ran_elsewhere, strand.running_in_this_thread()};
      },
      asio::use_awaitable));
  EXPECT_TRUE(outcome.first) << "the blocking function ran on the IO thread";
  EXPECT_TRUE(outcome.second) << "the coroutine did not resume on its strand";
}

TEST_F(RunBlocking, CarriesResultsThatAreNotDefaultConstructible) {
  auto result =
      io.run(run_blocking(pool, [] { return Result<std::string>(std::string("restored")); }));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "restored");
}

TEST_F(RunBlocking, VoidFunctionsRunToCompletion) {
  int calls = 0;
  io.run(run_blocking(pool, [&calls] { ++calls; }));
  EXPECT_EQ(calls, 1);
}

TEST_F(RunBlocking, ExceptionsPropagateToTheAwaiter) {
  EXPECT_THROW(
      io.run(run_blocking(pool, []() -> int { throw std::runtime_error("fsync failed"); })),
      std::runtime_error);
}

}  // namespace
}  // namespace ckpt::net
