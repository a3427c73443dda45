#include "api/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>

namespace ckpt::api {
namespace {

net::HttpResponse dispatch(const Router& router, std::string method, std::string target) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, router.dispatch(net::HttpRequest{std::move(method), std::move(target), {}, {}}),
                                      boost::asio::use_future);
  io.run();
  return future.get();
}

Router sample_router() {
  Router router;
  router.add("GET", "/v1/checkpoints/{id}", [](const net::HttpRequest&, const PathParams& params) -> boost::asio::awaitable<net::HttpResponse> {
    net::HttpResponse response;
    response.body = params.at("id");
    co_return response;
  });
  router.add("POST", "/v1/checkpoints/{id}/commit", [](const net::HttpRequest&, const PathParams&) -> boost::asio::awaitable<net::HttpResponse> {
    co_return net::HttpResponse{};
  });
  return router;
}

TEST(Router, MatchesParametersAndIgnoresTheQuery) {
  EXPECT_EQ(dispatch(sample_router(), "GET", "/v1/checkpoints/a1b2c3d4?x=1").body, "a1b2c3d4");
}

TEST(Router, WrongMethodIs405NamingTheAllowedOnes) {
  auto response = dispatch(sample_router(), "DELETE", "/v1/checkpoints/a1b2c3d4");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET");
  EXPECT_EQ(boost::json::parse(response.body).at("error").at("code").as_string(), "method_not_allowed");
}

TEST(Router, UnknownPathIs404) {
  auto response = dispatch(sample_router(), "GET", "/v1/checkpoints/a1b2c3d4/unknown");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(boost::json::parse(response.body).at("error").at("message").as_string(),
            "no route for GET /v1/checkpoints/a1b2c3d4/unknown; the API is described in proto/openapi.yaml");
}

TEST(Router, A404EchoesALongPathBounded) {
  const std::string path = "/v1/" + std::string(5000, 'x');
  auto response = dispatch(sample_router(), "GET", path);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(
      boost::json::parse(response.body).at("error").at("message").as_string(),
      "no route for GET /v1/" + std::string(60, 'x') + "…(5004 bytes); the API is described in proto/openapi.yaml");
}

TEST(Router, A405EchoesALongPathBounded) {
  const std::string id(300, 'a');
  auto response = dispatch(sample_router(), "DELETE", "/v1/checkpoints/" + id);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(boost::json::parse(response.body).at("error").at("message").as_string(),
            "method DELETE is not allowed on /v1/checkpoints/" + std::string(48, 'a') + "…(316 bytes) (allowed: GET)");
}

TEST(Router, A404ForAPathThatIsNotUtf8IsStillValidJson) {
  auto response = dispatch(sample_router(), "GET", "/v1/caf\xe9");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(boost::json::parse(response.body).at("error").at("message").as_string(),
            "no route for GET /v1/caf\xEF\xBF\xBD; the API is described in proto/openapi.yaml");
}

TEST(Router, EmptySegmentsDoNotMatchParameters) {
  EXPECT_EQ(dispatch(sample_router(), "GET", "/v1/checkpoints/").status, 404);
}

TEST(SplitPath, SplitsOnSlashes) {
  EXPECT_EQ(split_path("/a/b//c/"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_path("/").empty());
}

}  // namespace
}  // namespace ckpt::api
