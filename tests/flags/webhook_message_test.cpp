// The flag webhook's wire contract: the JSON body of a change and what an answer means.
#include "flags/webhook_message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "net/body_excerpt.hpp"

namespace ckpt::flags {
namespace {

net::HttpResponse answer(int status, std::string body = {}) {
  net::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

TEST(WebhookMessageTest, TheBodyCarriesTheChangeAndWhoAskedForIt) {
  EXPECT_EQ(boost::json::parse(webhook_body("prod", "FEATURE_X", false, {"c1a2", "slo-watch"})),
            boost::json::parse(
                R"({"flag":"FEATURE_X","scope":"prod","enabled":false,"checkpoint_id":"c1a2","by":"slo-watch"})"));
}

TEST(WebhookMessageTest, Any2xxIsDone) {
  EXPECT_TRUE(webhook_outcome(answer(200)));
  EXPECT_TRUE(webhook_outcome(answer(204)));
  EXPECT_TRUE(webhook_outcome(answer(299)));
}

TEST(WebhookMessageTest, AnythingElseGivesTheStatusAndABoundedExcerpt) {
  auto outcome = webhook_outcome(answer(500, "upstream\n\x1b[2Jdown"));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::engine_error);
  EXPECT_EQ(outcome.error().message, R"(answered HTTP 500: "upstream\n\x1b[2Jdown")");
  EXPECT_EQ(webhook_outcome(answer(302)).error().message, "answered HTTP 302: an empty body");
  const auto long_body = webhook_outcome(answer(503, std::string(1000, 'x'))).error().message;
  EXPECT_EQ(long_body, "answered HTTP 503: \"" + std::string(net::kMaxExcerptBytes, 'x') + "\"…(1000 bytes)");
}

}  // namespace
}  // namespace ckpt::flags
