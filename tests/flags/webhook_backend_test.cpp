// A scope switched by a webhook, through FlagSwitch against an HTTPS server in the test:
// the JSON body, the bearer token read afresh for every call, TLS verification, any 2xx as
// done, other answers and a slow server as errors that never show the token.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "flag_switch_harness.hpp"
#include "support/temp_dir.hpp"
#include "webhook_server.hpp"

namespace ckpt::flags {
namespace {

using namespace std::chrono_literals;
using testing::FlagSwitchHarness;

constexpr const char* kToken = "s3cr3t-token-77";

class WebhookBackendTest : public ::testing::Test {
 protected:
  WebhookBackendTest() { write_token(kToken); }

  void write_token(const std::string& token) {
    std::ofstream(token_file, std::ios::trunc) << token << "\n";
    ::chmod(token_file.c_str(), 0600);
  }

  std::vector<config::FlagBackend> scopes() const {
    const config::WebhookBackend hook{.url = server.url("/flags/flip?team=payments"),
                                      .bearer_token_file = token_file,
                                      .ca_file = server.ca_file(),
                                      .timeout = 300ms};
    config::WebhookBackend system_cas = hook;
    system_cas.ca_file.clear();
    config::WebhookBackend with_password = hook;
    with_password.url = "https://flipper:pa55word@127.0.0.1/flags";
    return {{"hook", hook}, {"system-cas", system_cas}, {"with-password", with_password}};
  }

  test::TempDir dir{"webhook"};
  std::filesystem::path token_file = dir.path() / "token";
  testing::WebhookServer server{dir.path(), kToken};
  boost::asio::io_context io;
  FlagSwitchHarness harness{io, scopes()};
};

TEST_F(WebhookBackendTest, PostsTheChangeWithTheBearerToken) {
  auto sent = harness.set("hook", "FEATURE_LOGIN_V2", false, {"c1a2", "slo-watch"});
  ASSERT_TRUE(sent) << sent.error().message;
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/flags/flip?team=payments");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/json");
  EXPECT_EQ(requests[0].header("Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(boost::json::parse(requests[0].body),
            boost::json::parse(R"({"flag":"FEATURE_LOGIN_V2","scope":"hook","enabled":false,)"
                               R"("checkpoint_id":"c1a2","by":"slo-watch"})"));
}

TEST_F(WebhookBackendTest, AWebhookCannotBeReadBack) {
  auto state = harness.read("hook", "FEATURE_LOGIN_V2");
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(*state, std::nullopt);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(WebhookBackendTest, TheTokenFileIsReadForEveryCall) {
  write_token("stale-token-01");
  auto refused = harness.set("hook", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("answered HTTP 401"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find("stale-token-01"), std::string::npos) << refused.error().message;

  write_token(kToken);
  auto sent = harness.set("hook", "FEATURE_LOGIN_V2", true);
  EXPECT_TRUE(sent) << sent.error().message;
}

TEST_F(WebhookBackendTest, AnAnswerOtherThan2xxIsAnErrorWithTheStatusAndTheBody) {
  server.answer(500, std::string("flag store down (request had Bearer ") + kToken + ")");
  auto failed = harness.set("hook", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::engine_error);
  EXPECT_EQ(failed.error().message, "flag scope \"hook\" (webhook " + server.url("/flags/flip") +
                                        "): answered HTTP 500: \"flag store down (request had Bearer [redacted])\"");

  server.answer(200, "ok");
  EXPECT_TRUE(harness.set("hook", "FEATURE_LOGIN_V2", true));
}

TEST_F(WebhookBackendTest, ASlowWebhookRunsIntoTheTimeout) {
  server.answer(204, {}, 3s);
  const auto started = std::chrono::steady_clock::now();
  auto late = harness.set("hook", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::deadline_exceeded) << late.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(late.error().message.find(kToken), std::string::npos);
}

TEST_F(WebhookBackendTest, TheServersCertificateIsVerified) {
  auto refused = harness.set("system-cas", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("certificate verify failed"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(WebhookBackendTest, AUrlWithCredentialsIsRefusedWithoutShowingThem) {
  auto refused = harness.set("with-password", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
  EXPECT_EQ(refused.error().message.find("pa55word"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find(R"(webhook URL "https://127.0.0.1/flags" must not carry credentials)"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(harness.flags().describe("with-password"), "webhook (unusable URL)");
}

}  // namespace
}  // namespace ckpt::flags
