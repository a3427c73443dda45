// The Measurer against a real Prometheus that scrapes the demo service every second:
// instant and range queries, no data, Prometheus' own errors, a stopped Prometheus and a
// server that never answers.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "demo_service_process.hpp"
#include "measurer_harness.hpp"
#include "support/prometheus_instance.hpp"
#include "support/temp_dir.hpp"
#include "test_servers.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kErrorRatio = "sum(rate(demo_errors_total[15s])) / sum(rate(demo_requests_total[15s]))";

config::Config one_server(const std::string& url, Millis timeout = 10s) {
  config::PrometheusServer server;
  server.name = "main";
  server.url = url;
  server.timeout = timeout;
  config::Config config;
  config.prometheus.push_back(server);
  return config;
}

PrometheusQuery instant(std::string query) {
  return PrometheusQuery{"main", std::move(query), std::nullopt};
}

// Measures until `done` accepts the result or `deadline` passes; the last measurement.
Measured measure_until(MeasurerHarness& harness, const ProviderSpec& provider,
                       const std::function<bool(const Result<ResultValue>&)>& done, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    auto measured = harness.measure(provider, 5s);
    if (done(measured.result) || std::chrono::steady_clock::now() > until) return measured;
    std::this_thread::sleep_for(500ms);
  }
}

// The only element of a list of one number.
std::optional<double> only_sample(const Result<ResultValue>& result) {
  if (!result || !result->is_list()) return std::nullopt;
  const auto& values = std::get<std::vector<double>>(result->value);
  if (values.size() != 1) return std::nullopt;
  return values.front();
}

class PrometheusMeasurement : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string why;
    if (!PrometheusInstance::available(why)) return;
    directory_ = std::make_unique<TempDir>("slo-prom");
    demo_ = std::make_unique<DemoServiceProcess>(directory_->path() / "demo", std::vector<std::string>{"--rps", "50"});
    prometheus_ = std::make_unique<PrometheusInstance>(directory_->path() / "prometheus", demo_->authority());
  }
  static void TearDownTestSuite() {
    prometheus_.reset();
    demo_.reset();
    directory_.reset();
  }
  void SetUp() override {
    std::string why;
    if (!PrometheusInstance::available(why)) GTEST_SKIP() << why;
    harness_ = std::make_unique<MeasurerHarness>(one_server(url()));
  }

  static std::string url() { return "http://127.0.0.1:" + std::to_string(prometheus_->port()); }

  static std::unique_ptr<TempDir> directory_;
  static std::unique_ptr<DemoServiceProcess> demo_;
  static std::unique_ptr<PrometheusInstance> prometheus_;
  std::unique_ptr<MeasurerHarness> harness_;
};

std::unique_ptr<TempDir> PrometheusMeasurement::directory_;
std::unique_ptr<DemoServiceProcess> PrometheusMeasurement::demo_;
std::unique_ptr<PrometheusInstance> PrometheusMeasurement::prometheus_;

TEST_F(PrometheusMeasurement, TheErrorRatioFollowsTheService) {
  const ProviderSpec ratio = instant(kErrorRatio);
  auto before = measure_until(
      *harness_, ratio, [](const auto& result) { return only_sample(result).has_value(); }, 30s);
  ASSERT_TRUE(only_sample(before.result)) << describe(before.result);
  EXPECT_EQ(*only_sample(before.result), 0.0);

  demo_->set_error_ratio(0.4);
  auto after = measure_until(
      *harness_, ratio,
      [](const auto& result) {
        const auto value = only_sample(result);
        return value && std::abs(*value - 0.4) < 0.005;
      },
      60s);
  ASSERT_TRUE(only_sample(after.result)) << describe(after.result);
  EXPECT_NEAR(*only_sample(after.result), 0.4, 0.005) << "the ratio never settled at 0.4";
  demo_->set_error_ratio(0);
}

TEST_F(PrometheusMeasurement, ARangeQueryGivesTheSeriesPoints) {
  const ProviderSpec rate = PrometheusQuery{"main", "sum(rate(demo_requests_total[5s]))", 20s, 2s};
  auto measured = measure_until(
      *harness_, rate,
      [](const auto& result) {
        return result && result->is_list() && std::get<std::vector<double>>(result->value).size() >= 3;
      },
      30s);
  ASSERT_TRUE(measured.result.ok()) << describe(measured.result);
  ASSERT_TRUE(measured.result->is_list());
  const auto& points = std::get<std::vector<double>>(measured.result->value);
  ASSERT_GE(points.size(), 3U) << describe(measured.result);
  EXPECT_LE(points.size(), 11U) << "20s at one point every 2s";
  EXPECT_NEAR(points.back(), 50, 10) << describe(measured.result);
}

TEST_F(PrometheusMeasurement, AScalarIsANumber) {
  auto measured = harness_->measure(instant("scalar(vector(1)) + 1"), 5s);
  EXPECT_EQ(describe(measured.result), "2");
}

TEST_F(PrometheusMeasurement, NoDataIsAnEmptyList) {
  EXPECT_EQ(describe(harness_->measure(instant("demo_no_such_metric"), 5s).result), "[]");
  EXPECT_EQ(describe(harness_->measure(PrometheusQuery{"main", "demo_no_such_metric", 1min, 15s}, 5s).result), "[]");
}

TEST_F(PrometheusMeasurement, BadPromQLGivesPrometheusErrorType) {
  auto measured = harness_->measure(instant("sum(rate(demo_errors_total[15s])"), 5s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::bad_request);
  const std::string expected = "prometheus query \"sum(rate(demo_errors_total[15s])\" on server \"main\" (" + url() +
                               "): prometheus: bad_data: ";
  EXPECT_EQ(measured.result.error().message.substr(0, expected.size()), expected) << measured.result.error().message;
}

TEST_F(PrometheusMeasurement, SeveralSeriesInARangeAreRefused) {
  auto measured = harness_->measure(
      PrometheusQuery{"main", R"(vector(1) or label_replace(vector(2), "a", "b", "", ""))", 1min, 15s}, 5s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_NE(measured.result.error().message.find("the range query returned 2 series; it must return one"),
            std::string::npos)
      << measured.result.error().message;
}

TEST(PrometheusUnreachable, AStoppedPrometheusIsAnErrorWithinTheTimeout) {
  std::string why;
  if (!PrometheusInstance::available(why)) GTEST_SKIP() << why;
  TempDir directory("slo-stop");
  auto prometheus = std::make_unique<PrometheusInstance>(directory.path() / "prometheus", "127.0.0.1:1");
  const std::string url = "http://127.0.0.1:" + std::to_string(prometheus->port());
  MeasurerHarness harness(one_server(url));
  EXPECT_EQ(describe(harness.measure(instant("1"), 2s).result), "1");

  prometheus.reset();
  auto measured = harness.measure(instant("1"), 2s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::unreachable);
  EXPECT_EQ(measured.result.error().message, "prometheus query \"1\" on server \"main\" (" + url +
                                                 "): cannot reach the server at " + url +
                                                 ": connect: Connection refused");
  EXPECT_LT(measured.took, 2s);
}

TEST(PrometheusUnreachable, AServerThatNeverAnswersEndsAtTheDeadline) {
  SilentListener silent;
  const std::string url = "http://127.0.0.1:" + std::to_string(silent.port());
  MeasurerHarness harness(one_server(url));
  auto measured = harness.measure(instant("up"), 500ms);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::deadline_exceeded) << measured.result.error().message;
  EXPECT_NE(measured.result.error().message.find("on server \"main\" (" + url + "): no response from the server"),
            std::string::npos)
      << measured.result.error().message;
  EXPECT_GE(measured.took, 450ms);
  EXPECT_LT(measured.took, 1500ms);
}

TEST(PrometheusUnreachable, TheServersTimeoutBoundsALongerMetricTimeout) {
  SilentListener silent;
  MeasurerHarness harness(one_server("http://127.0.0.1:" + std::to_string(silent.port()), 300ms));
  auto measured = harness.measure(instant("up"), 10s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(measured.result.error().message.find("within 300 ms"), std::string::npos)
      << measured.result.error().message;
  EXPECT_LT(measured.took, 1500ms);
}

}  // namespace
}  // namespace ckpt::test
