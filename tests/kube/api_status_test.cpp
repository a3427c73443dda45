// Kubernetes Status answers mapped to ckpt::Error: code, reason and a message that names
// the object, the server's words and the fix.
#include "kube/api_status.hpp"

#include <gtest/gtest.h>

namespace ckpt::kube {
namespace {

using std::chrono::seconds;

RequestContext context(std::string verb = "create") {
  return {std::move(verb), "backups.postgresql.cnpg.io \"b1\" in namespace \"develop\"", "backups.postgresql.cnpg.io",
          "https://10.0.0.1:443", "bearer token of user \"ci\" in kubeconfig /etc/kube (context \"dev\")"};
}

std::string status_body(int code, const std::string& reason, const std::string& message) {
  return R"({"kind":"Status","apiVersion":"v1","status":"Failure","code":)" + std::to_string(code) + R"(,"reason":")" +
         reason + R"(","message":")" + message + R"("})";
}

TEST(ApiStatusTest, NotFound) {
  const Error error = error_from_response(
      404, status_body(404, "NotFound", R"(backups.postgresql.cnpg.io \"b1\" not found)"), context("get"));
  EXPECT_EQ(error.code, ErrorCode::not_found);
  EXPECT_EQ(error.reason, "NotFound");
  EXPECT_EQ(error.message,
            "get backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" at https://10.0.0.1:443: "
            "backups.postgresql.cnpg.io \"b1\" not found");
}

TEST(ApiStatusTest, AMissingResourceTypeHintsAtTheCrd) {
  const Error error = error_from_response(
      404, status_body(404, "NotFound", "the server could not find the requested resource"), context("list"));
  EXPECT_EQ(error.code, ErrorCode::not_found);
  EXPECT_TRUE(error.message.ends_with("; is the CustomResourceDefinition for backups.postgresql.cnpg.io installed?"))
      << error.message;
}

TEST(ApiStatusTest, AlreadyExistsAndConflictKeepTheirReasons) {
  const Error exists = error_from_response(
      409, status_body(409, "AlreadyExists", R"(backups.postgresql.cnpg.io \"b1\" already exists)"), context());
  EXPECT_EQ(exists.code, ErrorCode::conflict);
  EXPECT_EQ(exists.reason, "AlreadyExists");
  EXPECT_TRUE(exists.message.ends_with("already exists")) << exists.message;

  const Error conflict =
      error_from_response(409, status_body(409, "Conflict", "the object has been modified"), context("update"));
  EXPECT_EQ(conflict.code, ErrorCode::conflict);
  EXPECT_EQ(conflict.reason, "Conflict");
  EXPECT_TRUE(
      conflict.message.ends_with("the object has been modified; it changed since it was read: read it again and retry"))
      << conflict.message;
}

TEST(ApiStatusTest, InvalidIsABadRequestThatNamesTheField) {
  const Error error = error_from_response(
      422,
      status_body(422, "Invalid",
                  R"(Backup.postgresql.cnpg.io \"b1\" is invalid: spec.method: Unsupported value: \"tape\")"),
      context());
  EXPECT_EQ(error.code, ErrorCode::bad_request);
  EXPECT_EQ(error.reason, "Invalid");
  EXPECT_NE(error.message.find("spec.method: Unsupported value: \"tape\""), std::string::npos) << error.message;
}

TEST(ApiStatusTest, UnauthorizedNamesTheCredentialsNotTheSecret) {
  const Error error = error_from_response(401, status_body(401, "Unauthorized", "Unauthorized"), context("get"));
  EXPECT_EQ(error.code, ErrorCode::unauthorized);
  EXPECT_EQ(error.reason, "Unauthorized");
  EXPECT_EQ(error.message,
            "get backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" at https://10.0.0.1:443: "
            "Unauthorized; the API server rejected the credentials (bearer token of user \"ci\" in "
            "kubeconfig /etc/kube (context \"dev\")): check that they are valid and not expired");
}

TEST(ApiStatusTest, ForbiddenPointsAtTheRbacVerb) {
  const Error error = error_from_response(
      403,
      status_body(403, "Forbidden",
                  R"(backups.postgresql.cnpg.io is forbidden: User \"ci\" cannot create resource \"backups\")"),
      context("create"));
  EXPECT_EQ(error.code, ErrorCode::unauthorized);
  EXPECT_EQ(error.reason, "Forbidden");
  EXPECT_TRUE(error.message.ends_with(
      "; the credentials (bearer token of user \"ci\" in kubeconfig /etc/kube (context \"dev\")) are "
      "not allowed to do this: the RBAC Role bound to them may be missing the verb \"create\" on "
      "backups.postgresql.cnpg.io (see docs/kubernetes.md)"))
      << error.message;
}

TEST(ApiStatusTest, GoneIsExpired) {
  const Error error =
      error_from_response(410, status_body(410, "Expired", "too old resource version: 5 (90)"), context("watch"));
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_TRUE(is_expired(error));
  EXPECT_FALSE(is_expired(error_from_response(409, status_body(409, "Conflict", "x"), context())));
  EXPECT_TRUE(is_expired(error_from_response(410, "", context("watch")))) << "reason Gone without a Status";
}

TEST(ApiStatusTest, ABodyThatIsNotAStatusIsQuotedOnOneLine) {
  const Error error = error_from_response(502, "<html>Bad Gateway</html>\n<body>\x1b[2J</body>", context("get"));
  EXPECT_EQ(error.code, ErrorCode::engine_error);
  EXPECT_EQ(error.reason, "");
  EXPECT_TRUE(error.message.ends_with(R"(: HTTP 502 with "<html>Bad Gateway</html>\n<body>\x1b[2J</body>")"))
      << error.message;
  const Error empty = error_from_response(500, "", context("get"));
  EXPECT_EQ(empty.reason, "InternalError");
  EXPECT_TRUE(empty.message.ends_with(": HTTP 500 with an empty body")) << empty.message;
}

TEST(ApiStatusTest, RetryableStatuses) {
  for (int status : {429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (int status : {200, 400, 401, 403, 404, 409, 410, 422, 501}) EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(ApiStatusTest, RetryAfterInSeconds) {
  EXPECT_EQ(parse_retry_after("1"), seconds(1));
  EXPECT_EQ(parse_retry_after(" 30 "), seconds(30));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_retry_after("-1"), std::nullopt);
  EXPECT_EQ(parse_retry_after(""), std::nullopt);
  EXPECT_EQ(parse_retry_after("2.5"), std::nullopt);
}

TEST(ApiStatusTest, AStatusNamingAFieldTwiceIsNotTakenForAStatus) {
  const std::string body = R"({"kind":"Status","code":409,"reason":"AlreadyExists","reason":"Conflict","message":"m"})";
  const Error error = error_from_response(409, body, context());
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_EQ(error.reason, "Conflict");  // the standard reason of HTTP 409, not the body's last word
  const std::string quoted_body =
      R"("{\"kind\":\"Status\",\"code\":409,\"reason\":\"AlreadyExists\",\"reason\":\"Conflict\",\"message\":\"m\"}")";
  EXPECT_EQ(
      error.message,
      "create backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" at https://10.0.0.1:443: HTTP 409 with " +
          quoted_body + "; it changed since it was read: read it again and retry");
}

}  // namespace
}  // namespace ckpt::kube
