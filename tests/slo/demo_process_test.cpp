// The demo service as a process: the port it prints, the traffic it makes up as
// /metrics shows it, the flagd flag that gates its errors, and a clean exit on SIGTERM
// and SIGINT.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "demo_service_process.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

// The value of a sample line ("name{labels} value") in Prometheus text.
double sample(const std::string& metrics, const std::string& series) {
  const auto start = metrics.find("\n" + series + " ");
  if (start == std::string::npos) throw std::runtime_error("no sample " + series + " in:\n" + metrics);
  return std::stod(metrics.substr(start + series.size() + 2));
}

void write_flag(const std::filesystem::path& file, const std::string& variant) {
  std::ofstream(file.string() + ".new") << R"({"flags":{"FEATURE_LOGIN_V2":{"state":"ENABLED",)"
                                        << R"("variants":{"on":true,"off":false},"defaultVariant":")" << variant
                                        << R"("}}})";
  std::filesystem::rename(file.string() + ".new", file);
}

// Polls /healthz until its body is `body` or 5 s passed; the last body.
std::string wait_for_health(const DemoServiceProcess& demo, const std::string& body) {
  const auto until = std::chrono::steady_clock::now() + 5s;
  std::string last;
  while (std::chrono::steady_clock::now() < until) {
    last = demo.call("GET", "/healthz").body;
    if (last == body) break;
    std::this_thread::sleep_for(50ms);
  }
  return last;
}

TEST(DemoServiceProcess, MakesUpTrafficAtTheGivenRate) {
  TempDir directory("demo");
  DemoServiceProcess demo(directory.path(), {"--rps", "200", "--error-ratio", "0.25"});
  const auto first = demo.call("GET", "/metrics").body;
  const auto started = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(2s);
  const auto second = demo.call("GET", "/metrics").body;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double requests = sample(second, R"(demo_requests_total{route="/login"})") -
                          sample(first, R"(demo_requests_total{route="/login"})");
  const double errors =
      sample(second, R"(demo_errors_total{route="/login"})") - sample(first, R"(demo_errors_total{route="/login"})");
  EXPECT_NEAR(requests, 200 * seconds, 40);  // ticks are 100 ms apart
  EXPECT_NEAR(errors, requests * 0.25, 10);
  EXPECT_EQ(sample(second, "demo_error_ratio"), 0.25);
}

TEST(DemoServiceProcess, TheFlagGatesTheErrors) {
  TempDir directory("demo");
  const auto flags = directory.path() / "flags.json";
  write_flag(flags, "on");
  DemoServiceProcess demo(directory.path(),
                          {"--error-ratio", "0.6", "--flag-file", flags.string(), "--flag", "FEATURE_LOGIN_V2"});
  EXPECT_EQ(wait_for_health(demo, R"({"status":"degraded","error_ratio":0.6})"),
            R"({"status":"degraded","error_ratio":0.6})");

  write_flag(flags, "off");
  EXPECT_EQ(wait_for_health(demo, R"({"status":"ok","error_ratio":0})"), R"({"status":"ok","error_ratio":0})");
  const double errors = sample(demo.call("GET", "/metrics").body, R"(demo_errors_total{route="/login"})");
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sample(demo.call("GET", "/metrics").body, R"(demo_errors_total{route="/login"})"), errors)
      << "no errors while the flag is off";

  write_flag(flags, "on");
  EXPECT_EQ(wait_for_health(demo, R"({"status":"degraded","error_ratio":0.6})"),
            R"({"status":"degraded","error_ratio":0.6})");
  std::filesystem::remove(flags);
  EXPECT_EQ(wait_for_health(demo, R"({"status":"ok","error_ratio":0})"), R"({"status":"ok","error_ratio":0})")
      << "a missing flag file means off";
}

TEST(DemoServiceProcess, ExitsCleanlyOnSigtermAndSigint) {
  TempDir directory("demo");
  DemoServiceProcess terminated(directory.path() / "a", {});
  EXPECT_EQ(terminated.stop(SIGTERM), 0);
  DemoServiceProcess interrupted(directory.path() / "b", {});
  EXPECT_EQ(interrupted.stop(SIGINT), 0);
}

TEST(DemoServiceProcess, RefusesABadCommandLine) {
  TempDir directory("demo");
  EXPECT_THROW(DemoServiceProcess(directory.path(), {"--error-ratio", "2"}), std::runtime_error);
  EXPECT_NE(std::ifstream(directory.path() / "demo-service.err").peek(), EOF) << "it says why on stderr";
}

}  // namespace
}  // namespace ckpt::test
