// When requests are retried and how long the client waits: the backoff is a pure function,
// deterministic for a given jitter fraction or seeded engine.
#include "kube/retry_policy.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ckpt::kube {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(BackoffTest, CeilingDoublesFromTheBaseUpToTheCap) {
  const BackoffPolicy policy;  // 100 ms, 5 s
  EXPECT_EQ(backoff_ceiling(policy, 1), milliseconds(100));
  EXPECT_EQ(backoff_ceiling(policy, 2), milliseconds(200));
  EXPECT_EQ(backoff_ceiling(policy, 3), milliseconds(400));
  EXPECT_EQ(backoff_ceiling(policy, 6), milliseconds(3200));
  EXPECT_EQ(backoff_ceiling(policy, 7), milliseconds(5000));
  EXPECT_EQ(backoff_ceiling(policy, 1000), milliseconds(5000)) << "no overflow for large retries";
}

TEST(BackoffTest, FullJitterScalesTheCeilingByTheFraction) {
  const BackoffPolicy policy{milliseconds(100), milliseconds(5000)};
  EXPECT_EQ(full_jitter(policy, 3, 0.0), milliseconds(0));
  EXPECT_EQ(full_jitter(policy, 3, 0.5), milliseconds(200));
  EXPECT_EQ(full_jitter(policy, 10, 0.999), milliseconds(4995));
  EXPECT_EQ(full_jitter(policy, 1, 0.25), milliseconds(25));
}

TEST(BackoffTest, EqualJitterWaitsAtLeastHalfTheCeilingSoWaitsGrow) {
  const BackoffPolicy policy{milliseconds(100), milliseconds(5000)};
  EXPECT_EQ(equal_jitter(policy, 1, 0.0), milliseconds(50));
  EXPECT_EQ(equal_jitter(policy, 1, 0.999), milliseconds(99));
  EXPECT_EQ(equal_jitter(policy, 3, 0.5), milliseconds(300));
  EXPECT_EQ(equal_jitter(policy, 10, 0.0), milliseconds(2500));
  std::mt19937_64 rng(7);
  for (int retry = 1; retry <= 20; ++retry) {
    const auto delay = equal_jitter(policy, retry, rng);
    EXPECT_GE(delay, backoff_ceiling(policy, retry) / 2);
    EXPECT_LE(delay, backoff_ceiling(policy, retry));
  }
}

TEST(BackoffTest, SeededEnginesGiveTheSameDelaysWithinBounds) {
  const BackoffPolicy policy;
  std::mt19937_64 first(42);
  std::mt19937_64 second(42);
  std::set<long long> distinct;
  for (int retry = 1; retry <= 50; ++retry) {
    const auto a = full_jitter(policy, retry, first);
    const auto b = full_jitter(policy, retry, second);
    EXPECT_EQ(a, b);
    EXPECT_GE(a, milliseconds(0));
    EXPECT_LE(a, backoff_ceiling(policy, retry));
    distinct.insert(a.count());
  }
  EXPECT_GT(distinct.size(), 10u) << "the delays are spread, not constant";
}

TEST(BackoffTest, RetryAfterWinsOverJitter) {
  std::mt19937_64 rng(1);
  EXPECT_EQ(retry_delay(BackoffPolicy{}, 1, seconds(3), rng), milliseconds(3000));
  EXPECT_LE(retry_delay(BackoffPolicy{}, 1, std::nullopt, rng), milliseconds(100));
}

TEST(RetryRuleTest, IdempotentRequestsRetryOn429And5xxAndConnectionFailures) {
  for (const char* method : {"GET", "PUT", "PATCH", "DELETE"}) {
    for (int status : {429, 500, 502, 503, 504}) {
      EXPECT_TRUE(may_retry(method, {status, true})) << method << " " << status;
    }
    EXPECT_TRUE(may_retry(method, {0, true})) << method << " after the connection dropped";
    EXPECT_TRUE(may_retry(method, {0, false})) << method << " when connecting failed";
    for (int status : {400, 401, 403, 404, 409, 410, 422, 501}) {
      EXPECT_FALSE(may_retry(method, {status, true})) << method << " " << status;
    }
  }
}

TEST(RetryRuleTest, PostRetriesOnlyWhenItCannotHaveBeenProcessed) {
  EXPECT_TRUE(may_retry("POST", {429, true}));
  EXPECT_TRUE(may_retry("POST", {503, true}));
  EXPECT_TRUE(may_retry("POST", {0, false})) << "the request never left";
  EXPECT_FALSE(may_retry("POST", {0, true})) << "dropped after sending: outcome unknown";
  EXPECT_FALSE(may_retry("POST", {500, true}));
  EXPECT_FALSE(may_retry("POST", {502, true}));
  EXPECT_FALSE(may_retry("POST", {504, true}));
  EXPECT_FALSE(may_retry("POST", {409, true}));
}

}  // namespace
}  // namespace ckpt::kube
