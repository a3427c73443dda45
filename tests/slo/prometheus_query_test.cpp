#include "slo/prometheus_query.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "net/http_message.hpp"

namespace ckpt::slo {
namespace {

using namespace std::chrono_literals;

// 2024-12-06T03:46:29.123Z
const TimePoint kNow{1733456789123ms};

PrometheusQuery instant(std::string promql) {
  return PrometheusQuery{"", std::move(promql), std::nullopt};
}

PrometheusQuery range(std::string promql, Millis over, Millis step) {
  return PrometheusQuery{"", std::move(promql), over, step};
}

std::string target(std::string_view prefix, const PrometheusQuery& query) {
  auto built = prometheus_query_target(prefix, query, kNow);
  EXPECT_TRUE(built.ok()) << built.error().message;
  return built.ok() ? *built : std::string{};
}

TEST(PrometheusQuery, InstantQueryAtNow) {
  EXPECT_EQ(target("", instant("up")), "/api/v1/query?query=up&time=1733456789.123");
}

TEST(PrometheusQuery, RangeQueryOverTheLastRange) {
  EXPECT_EQ(target("", range("up", 5min, 15s)),
            "/api/v1/query_range?query=up&start=1733456489.123&end=1733456789.123&step=15");
  EXPECT_EQ(target("", range("up", 1s, 500ms)),
            "/api/v1/query_range?query=up&start=1733456788.123&end=1733456789.123&step=0.5");
  EXPECT_TRUE(target("", range("up", 1s, 1250ms)).ends_with("&step=1.25"));
}

TEST(PrometheusQuery, EveryReservedCharacterIsPercentEncoded) {
  const std::string promql = R"(sum(rate(demo_errors_total{route="/login"}[15s])) / sum(rate(x[1m])) > 0 & y + 1)";
  const auto built = target("", instant(promql));
  EXPECT_EQ(built,
            "/api/v1/query?query=sum%28rate%28demo_errors_total%7Broute%3D%22%2Flogin%22%7D%5B15s%5D%29%29%20%2F%20sum%"
            "28rate%28x%5B1m%5D%29%29%20%3E%200%20%26%20y%20%2B%201&time=1733456789.123");
  // What a server decodes is the query as written.
  const net::HttpRequest request{"GET", built, {}, {}};
  EXPECT_EQ(request.query_param("query"), promql);
  EXPECT_EQ(request.query_param("time"), "1733456789.123");
  EXPECT_EQ(net::HttpRequest({"GET", target("", instant("a\nb é")), {}, {}}).query_param("query"), "a\nb é");
}

TEST(PrometheusQuery, TheServersPathPrefixComesFirst) {
  EXPECT_EQ(target("/", instant("up")).substr(0, 20), "/api/v1/query?query=");
  EXPECT_EQ(target("/prometheus", instant("up")).substr(0, 31), "/prometheus/api/v1/query?query=");
  EXPECT_EQ(target("/prometheus/", range("up", 1min, 15s)).substr(0, 37), "/prometheus/api/v1/query_range?query=");
}

TEST(PrometheusQuery, RefusesWhatPrometheusCannotAnswer) {
  const auto refused = [](const PrometheusQuery& query) {
    auto built = prometheus_query_target("", query, kNow);
    EXPECT_FALSE(built.ok());
    if (built.ok()) return std::string{};
    EXPECT_EQ(built.error().code, ErrorCode::bad_request);
    return built.error().message;
  };
  EXPECT_EQ(refused(instant("")), "the PromQL query is empty");
  EXPECT_EQ(refused(range("up", 0ms, 15s)), "the range of a range query must be positive, got 0s");
  EXPECT_EQ(refused(range("up", 1min, 0ms)), "the step of a range query must be positive, got 0s");
}

}  // namespace
}  // namespace ckpt::slo
