// What the Measurer sends to a Prometheus server and keeps out of its messages: the
// server's path prefix and headers, the bearer token read from its file for every query,
// and never the token (nor credentials written into the server's URL) in an error. The
// server is a recording stand-in that requires the token.
#include <gtest/gtest.h>

#include <fstream>

#include "measurer_harness.hpp"
#include "support/temp_dir.hpp"
#include "test_servers.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kToken = "s3cr3t-token-value";
constexpr const char* kRotatedToken = "rotated-token-value";

void write_token(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::trunc) << text;
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

net::HttpResponse answer(int status, std::string body) {
  net::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

class PrometheusRequests : public ::testing::Test {
 protected:
  PrometheusRequests() {
    write_token(token_file_, std::string{"  "} + kToken + "\n");
    server_.answer_with(
        answer(200, R"({"status":"success","data":{"resultType":"scalar","result":[1733456789.5,"42"]}})"));
  }

  config::Config config() const {
    config::PrometheusServer server;
    server.name = "tenant-prom";
    server.url = server_.url("/prefix/");
    server.timeout = 5s;
    server.headers = {{"X-Scope-OrgID", "tenant-1"}};
    server.bearer_token_file = token_file_;
    config::Config config;
    config.prometheus.push_back(server);
    return config;
  }

  Measured measure(std::optional<Millis> range = std::nullopt) {
    return harness_.measure(PrometheusQuery{"", "rate(x[5m]) > 0", range}, 2s);
  }

  static void expect_no_token(const Result<ResultValue>& result) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message.find(kToken), std::string::npos) << result.error().message;
    EXPECT_EQ(result.error().message.find(kRotatedToken), std::string::npos) << result.error().message;
  }

  TempDir directory_{"slo-token"};
  std::filesystem::path token_file_ = directory_.path() / "token";
  RecordingServer server_{kToken};
  MeasurerHarness harness_{config()};
};

TEST_F(PrometheusRequests, SendThePrefixTheHeadersAndTheTrimmedToken) {
  auto measured = measure();
  ASSERT_TRUE(measured.result.ok()) << measured.result.error().message;
  EXPECT_EQ(to_string(*measured.result), "42");
  ASSERT_TRUE(measure(10min).result.ok());

  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path(), "/prefix/api/v1/query");
  EXPECT_EQ(requests[0].query_param("query"), "rate(x[5m]) > 0");
  EXPECT_TRUE(requests[0].query_param("time"));
  EXPECT_EQ(requests[0].header("Authorization"), std::string{"Bearer "} + kToken);
  EXPECT_EQ(requests[0].header("X-Scope-OrgID"), "tenant-1");
  EXPECT_EQ(requests[0].header("Accept"), "application/json");

  EXPECT_EQ(requests[1].path(), "/prefix/api/v1/query_range");
  const double start = std::stod(*requests[1].query_param("start"));
  const double end = std::stod(*requests[1].query_param("end"));
  EXPECT_NEAR(end - start, 600, 0.001);
  EXPECT_EQ(requests[1].query_param("step"), "15");
  EXPECT_EQ(requests[1].header("Authorization"), std::string{"Bearer "} + kToken);
}

TEST_F(PrometheusRequests, TheTokenFileIsReadForEveryQuery) {
  ASSERT_TRUE(measure().result.ok());
  write_token(token_file_, kRotatedToken);
  auto refused = measure();
  expect_no_token(refused.result);
  EXPECT_NE(refused.result.error().message.find("prometheus answered status 401"), std::string::npos)
      << refused.result.error().message;
  EXPECT_EQ(server_.requests().size(), 1U) << "the server refuses the rotated token before serving it";

  write_token(token_file_, kToken);
  EXPECT_TRUE(measure().result.ok());
  EXPECT_EQ(server_.requests().size(), 2U);
}

TEST_F(PrometheusRequests, ATokenEchoedByTheServerIsRedacted) {
  server_.answer_with(answer(502, std::string{"proxy error; you sent Authorization: Bearer "} + kToken));
  auto measured = measure();
  expect_no_token(measured.result);
  EXPECT_NE(measured.result.error().message.find("you sent Authorization: Bearer [redacted]"), std::string::npos)
      << measured.result.error().message;
}

TEST_F(PrometheusRequests, AMissingTokenFileIsNamed) {
  std::filesystem::remove(token_file_);
  auto measured = measure();
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(measured.result.error().message, "prometheus query \"rate(x[5m]) > 0\" on server \"tenant-prom\" (" +
                                                 server_.url("/prefix/") + "): the bearer token file " +
                                                 token_file_.string() + " cannot be read: No such file or directory");
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(PrometheusRequests, AnEmptyTokenFileIsNamed) {
  write_token(token_file_, " \n");
  auto measured = measure();
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::unauthorized);
  EXPECT_NE(measured.result.error().message.find("the bearer token file " + token_file_.string() + " is empty"),
            std::string::npos);
}

TEST_F(PrometheusRequests, AnUnknownServerIsNamed) {
  auto measured = harness_.measure(PrometheusQuery{"other", "up", std::nullopt}, 2s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(measured.result.error().message,
            "no prometheus server named \"other\" (the configuration has tenant-prom)");
}

TEST(PrometheusServerChoice, AQueryWithoutAServerNeedsExactlyOne) {
  config::Config config;
  for (const auto* name : {"a", "b"}) {
    config::PrometheusServer server;
    server.name = name;
    server.url = "http://127.0.0.1:1";
    config.prometheus.push_back(server);
  }
  MeasurerHarness harness(config);
  auto measured = harness.measure(PrometheusQuery{"", "up", std::nullopt}, 1s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().message,
            "a prometheus query without a server needs exactly one configured server; name one (the configuration has "
            "a, b)");
}

TEST(PrometheusServerUrl, CredentialsInItAreRefusedWithoutShowingThem) {
  config::Config config;
  config::PrometheusServer server;
  server.name = "main";
  server.url = "http://admin:pa55word@127.0.0.1:1/prom";
  config.prometheus.push_back(server);
  MeasurerHarness harness(config);
  auto measured = harness.measure(PrometheusQuery{"", "up", std::nullopt}, 1s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(measured.result.error().message,
            R"(prometheus query "up" on server "main": URL "http://127.0.0.1:1/prom" must not carry credentials )"
            "(user:password@host); send them in a header or a bearer token file");
}

}  // namespace
}  // namespace ckpt::test
