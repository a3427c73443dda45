#include "net/http_message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ckpt::net {
namespace {

TEST(HttpRequest, HeaderLookupIgnoresCaseAndGivesEmptyWhenAbsent) {
  HttpRequest request;
  request.headers = {
      {"Content-Type", "application/json"}, {"X-Trace", "first"}, {"x-trace", "second"}};
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("X-TRACE"), "first");
  EXPECT_EQ(request.header("Authorization"), "");
}

TEST(HttpRequest, PathIsTheTargetWithoutItsQuery) {
  HttpRequest request;
  request.target = "/v1/checkpoints?state=ready";
  EXPECT_EQ(request.path(), "/v1/checkpoints");
  request.target = "/healthz";
  EXPECT_EQ(request.path(), "/healthz");
}

TEST(HttpRequest, QueryParamIsPercentDecoded) {
  HttpRequest request;
  request.target = "/v1/x?name=a%20b%2Fc&plus=x+y&flag&empty=&last=1";
  EXPECT_EQ(request.query_param("name"), "a b/c");
  EXPECT_EQ(request.query_param("plus"), "x y");
  EXPECT_EQ(request.query_param("flag"), "");
  EXPECT_EQ(request.query_param("empty"), "");
  EXPECT_EQ(request.query_param("last"), "1");
  EXPECT_EQ(request.query_param("missing"), std::nullopt);
}

TEST(HttpRequest, QueryParamKeepsMalformedEscapesAndTakesTheFirstOccurrence) {
  HttpRequest request;
  request.target = "/x?v=100%&v=second&w=%zz&k%65y=decoded-key";
  EXPECT_EQ(request.query_param("v"), "100%");
  EXPECT_EQ(request.query_param("w"), "%zz");
  EXPECT_EQ(request.query_param("key"), "decoded-key");
}

TEST(HttpRequest, QueryParamWithoutQueryIsAbsent) {
  HttpRequest request;
  request.target = "/v1/x";
  EXPECT_EQ(request.query_param("v"), std::nullopt);
}

TEST(JsonError, BuildsTheErrorBodyWithEscapedStrings) {
  const HttpResponse response = json_error(409, "conflict", "checkpoint \"cp-1\" is\ncommitted\\");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.content_type, "application/json");
  const auto body = boost::json::parse(response.body);
  EXPECT_EQ(body.at("error").at("code").as_string(), "conflict");
  EXPECT_EQ(body.at("error").at("message").as_string(), "checkpoint \"cp-1\" is\ncommitted\\");
  EXPECT_EQ(response.body,
            R"({"error":{"code":"conflict","message":"checkpoint \"cp-1\" is\ncommitted\\"}})");
}

}  // namespace
}  // namespace ckpt::net
