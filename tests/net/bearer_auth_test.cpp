#include "net/bearer_auth.hpp"

#include <gtest/gtest.h>

namespace ckpt::net {
namespace {

HttpRequest request_to(std::string target, std::string authorization = {}) {
  HttpRequest request;
  request.target = std::move(target);
  if (!authorization.empty())
    request.headers.emplace_back("Authorization", std::move(authorization));
  return request;
}

TEST(BearerAuth, AcceptsTheExactTokenWithAnyCaseOfTheScheme) {
  const BearerAuth auth("s3cret", {});
  EXPECT_TRUE(auth.allows(request_to("/v1/checkpoints", "Bearer s3cret")));
  EXPECT_TRUE(auth.allows(request_to("/v1/checkpoints", "bearer s3cret")));
}

TEST(BearerAuth, RejectsMissingWrongOrOtherSchemeTokens) {
  const BearerAuth auth("s3cret", {});
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints")));
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints", "Bearer s3cre")));
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints", "Bearer s3cret2")));
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints", "Bearer ")));
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints", "Basic s3cret")));
  EXPECT_FALSE(auth.allows(request_to("/v1/checkpoints", "s3cret")));
}

TEST(BearerAuth, UnauthenticatedPathsPassWithoutTokenButOnlyExactly) {
  const BearerAuth auth("s3cret", {"/healthz", "/readyz"});
  EXPECT_TRUE(auth.allows(request_to("/healthz")));
  EXPECT_TRUE(auth.allows(request_to("/readyz?verbose=1")));
  EXPECT_FALSE(auth.allows(request_to("/healthz/../v1/checkpoints")));
  EXPECT_FALSE(auth.allows(request_to("/v1/healthz")));
}

}  // namespace
}  // namespace ckpt::net
