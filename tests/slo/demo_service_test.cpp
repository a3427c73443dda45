// The demo service's parts without a network: its traffic counters, its /metrics text,
// its routes and the flagd flag that gates its errors.
#include "demo_service.hpp"

#include <gtest/gtest.h>

#include "flag_file.hpp"
#include "metrics_text.hpp"
#include "traffic.hpp"

namespace ckpt::demo {
namespace {

using namespace std::chrono_literals;

TEST(DemoTraffic, CountsExactlyWhateverTheSteps) {
  // Steps of 1/16 s at 50 requests per second: 3.125 requests and 0.78125 errors each.
  Traffic traffic;
  for (int i = 0; i < 1000; ++i) traffic.advance(std::chrono::duration<double>(0.0625), 50, 0.25);
  EXPECT_EQ(traffic.requests(), 3125U);
  EXPECT_EQ(traffic.errors(), 781U);  // 781.25
  traffic.advance(std::chrono::duration<double>(0.0625), 50, 0.25);
  EXPECT_EQ(traffic.requests(), 3128U);
  EXPECT_EQ(traffic.errors(), 782U) << "the carried quarter of an error counts";
}

TEST(DemoTraffic, NoErrorsAtRatioZero) {
  Traffic traffic;
  traffic.advance(10s, 7, 0);
  EXPECT_EQ(traffic.requests(), 70U);
  EXPECT_EQ(traffic.errors(), 0U);
}

TEST(DemoMetrics, PrometheusTextFormat) {
  EXPECT_EQ(metrics_text({12, 3, 0.25}),
            "# HELP demo_requests_total Requests served by the demo service.\n"
            "# TYPE demo_requests_total counter\n"
            "demo_requests_total{route=\"/login\"} 12\n"
            "# HELP demo_errors_total Requests of the demo service that failed.\n"
            "# TYPE demo_errors_total counter\n"
            "demo_errors_total{route=\"/login\"} 3\n"
            "# HELP demo_error_ratio The share of requests set to fail (POST /control/error-ratio).\n"
            "# TYPE demo_error_ratio gauge\n"
            "demo_error_ratio 0.25\n");
}

net::HttpResponse call(DemoService& service, std::string method, std::string target, std::string body = {}) {
  return service.handle(net::HttpRequest{std::move(method), std::move(target), {}, std::move(body)});
}

TEST(DemoRoutes, HealthFollowsTheErrorRatio) {
  DemoService service(50, 0.1, std::nullopt);
  auto healthy = call(service, "GET", "/healthz");
  EXPECT_EQ(healthy.status, 200);
  EXPECT_EQ(healthy.body, R"({"status":"ok","error_ratio":0.1})");
  EXPECT_EQ(call(service, "POST", "/control/error-ratio", " 0.5\n").body, R"({"error_ratio":0.5})");
  auto degraded = call(service, "GET", "/healthz");
  EXPECT_EQ(degraded.status, 503);
  EXPECT_EQ(degraded.body, R"({"status":"degraded","error_ratio":0.5})");
  EXPECT_EQ(call(service, "GET", "/control/error-ratio").body, R"({"error_ratio":0.5})");
}

TEST(DemoRoutes, MetricsCountTheTicks) {
  DemoService service(100, 0.5, std::nullopt);
  const auto start = DemoService::Clock::now();
  service.tick(start);
  service.tick(start + 2s);
  auto metrics = call(service, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.content_type, kMetricsContentType);
  EXPECT_NE(metrics.body.find("demo_requests_total{route=\"/login\"} 200\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("demo_errors_total{route=\"/login\"} 100\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("demo_error_ratio 0.5\n"), std::string::npos) << metrics.body;
}

TEST(DemoRoutes, RefusesWhatItDoesNotServe) {
  DemoService service(50, 0, std::nullopt);
  for (const auto* body : {"", "abc", "1.5", "-0.1", "0.3x", "nan"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(call(service, "POST", "/control/error-ratio", body).status, 400);
  }
  EXPECT_EQ(call(service, "GET", "/control/error-ratio").body, R"({"error_ratio":0})");
  auto wrong_method = call(service, "PUT", "/control/error-ratio", "0.1");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.header("Allow"), "GET, POST");
  EXPECT_EQ(call(service, "POST", "/metrics").status, 405);
  EXPECT_EQ(call(service, "GET", "/nope").status, 404);
}

TEST(DemoFlag, OnOnlyWhileTheDefaultVariantIsOn) {
  const std::string on =
      R"({"flags":{"FEATURE_LOGIN_V2":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"on"}}})";
  const std::string off =
      R"({"flags":{"FEATURE_LOGIN_V2":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}})";
  EXPECT_TRUE(flag_is_on(on, "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_is_on(off, "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_is_on(on, "OTHER_FLAG"));
  EXPECT_FALSE(flag_is_on("", "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_is_on("{not json", "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_is_on(R"({"flags":[]})", "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_is_on(R"({"flags":{"FEATURE_LOGIN_V2":{"defaultVariant":true}}})", "FEATURE_LOGIN_V2"));
  EXPECT_FALSE(flag_file_says_on("/nonexistent/flags.json", "FEATURE_LOGIN_V2"));
}

}  // namespace
}  // namespace ckpt::demo
