// The Measurer's HTTP probe against the demo service's /healthz (a JSON field, or the
// status code), a probe's own headers, a closed port, a server that never answers and a
// URL with credentials.
#include <gtest/gtest.h>

#include "demo_service_process.hpp"
#include "measurer_harness.hpp"
#include "support/free_port.hpp"
#include "support/temp_dir.hpp"
#include "test_servers.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

HttpProbe probe(std::string url, std::string pointer = "", std::vector<int> expected = {200}) {
  return HttpProbe{std::move(url), std::move(pointer), std::move(expected), {}};
}

class HttpProbeOfTheDemo : public ::testing::Test {
 protected:
  TempDir directory_{"slo-http"};
  DemoServiceProcess demo_{directory_.path(), {"--error-ratio", "0.2"}};
  MeasurerHarness harness_;
};

TEST_F(HttpProbeOfTheDemo, ReadsTheFieldAtThePointer) {
  EXPECT_EQ(describe(harness_.measure(probe(demo_.url("/healthz"), "/error_ratio"), 2s).result), "0.2");
}

TEST_F(HttpProbeOfTheDemo, WithoutAPointerTheValueIsTheStatus) {
  EXPECT_EQ(describe(harness_.measure(probe(demo_.url("/healthz")), 2s).result), "200");
  demo_.set_error_ratio(0.6);
  EXPECT_EQ(describe(harness_.measure(probe(demo_.url("/healthz")), 2s).result), "503");
  EXPECT_EQ(describe(harness_.measure(probe(demo_.url("/no-such-page")), 2s).result), "404");
}

TEST_F(HttpProbeOfTheDemo, AnUnexpectedStatusIsAnErrorWithTheBody) {
  demo_.set_error_ratio(0.6);
  auto measured = harness_.measure(probe(demo_.url("/healthz"), "/error_ratio"), 2s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::engine_error);
  EXPECT_EQ(measured.result.error().message,
            "http probe GET " + demo_.url("/healthz") +
                R"(: status 503 (expected 200): "{\"status\":\"degraded\",\"error_ratio\":0.6}")");
  EXPECT_EQ(describe(harness_.measure(probe(demo_.url("/healthz"), "/error_ratio", {200, 503}), 2s).result), "0.6");
}

TEST_F(HttpProbeOfTheDemo, AFieldThatIsNotANumberIsNamed) {
  auto measured = harness_.measure(probe(demo_.url("/healthz"), "/status"), 2s);
  EXPECT_EQ(describe(measured.result),
            "error: http probe GET " + demo_.url("/healthz") +
                R"(: the value at JSON pointer "/status" is a string ("ok"), not a number or a boolean)");
}

TEST(HttpProbe, SendsItsHeaders) {
  RecordingServer server("probe-token");
  net::HttpResponse answer;
  answer.body = R"({"lag":{"seconds":3}})";
  server.answer_with(answer);
  MeasurerHarness harness;
  auto measured = harness.measure(HttpProbe{server.url("/status?full=1"),
                                            "/lag/seconds",
                                            {200},
                                            {{"Authorization", "Bearer probe-token"}, {"X-Probe", "slo"}}},
                                  2s);
  EXPECT_EQ(describe(measured.result), "3");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].target, "/status?full=1");
  EXPECT_EQ(requests[0].header("X-Probe"), "slo");
}

TEST(HttpProbe, AClosedPortIsUnreachable) {
  const std::string server = "http://127.0.0.1:" + std::to_string(free_tcp_port());
  MeasurerHarness harness;
  auto measured = harness.measure(probe(server + "/healthz"), 2s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::unreachable);
  EXPECT_EQ(measured.result.error().message, "http probe GET " + server +
                                                 "/healthz: cannot reach the probed server at " + server +
                                                 ": connect: Connection refused");
  EXPECT_LT(measured.took, 2s);
}

TEST(HttpProbe, AServerThatNeverAnswersEndsAtTheDeadline) {
  SilentListener silent;
  MeasurerHarness harness;
  auto measured = harness.measure(probe("http://127.0.0.1:" + std::to_string(silent.port()) + "/healthz"), 500ms);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::deadline_exceeded) << measured.result.error().message;
  EXPECT_GE(measured.took, 450ms);
  EXPECT_LT(measured.took, 1500ms);
}

TEST(HttpProbe, AUrlWithCredentialsIsRefusedWithoutShowingThem) {
  MeasurerHarness harness;
  auto measured = harness.measure(probe("http://probe:pa55word@127.0.0.1:1/healthz?key=k3y"), 1s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(measured.result.error().message,
            R"(http probe URL "http://127.0.0.1:1/healthz" must not carry credentials (user:password@host); )"
            "send them in a header or a bearer token file");
}

}  // namespace
}  // namespace ckpt::test
