#include "net/endpoint.hpp"

#include <gtest/gtest.h>

namespace ckpt::net {
namespace {

TEST(EndpointParse, UnixSchemeAndBarePathAreUnixSockets) {
  for (const char* text : {"unix:///run/checkpointd.sock", "/run/checkpointd.sock"}) {
    auto endpoint = Endpoint::parse(text);
    ASSERT_TRUE(endpoint.ok()) << text;
    EXPECT_EQ(endpoint->kind, Endpoint::Kind::unix_socket);
    EXPECT_EQ(endpoint->path, "/run/checkpointd.sock");
    EXPECT_EQ(endpoint->to_string(), "unix:///run/checkpointd.sock");
  }
}

TEST(EndpointParse, HttpAndHttpsWithPorts) {
  auto plain = Endpoint::parse("http://127.0.0.1:8080");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->kind, Endpoint::Kind::tcp);
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 8080);
  EXPECT_FALSE(plain->tls);

  auto secure = Endpoint::parse("https://checkpointd.db.svc:9443/");
  ASSERT_TRUE(secure.ok());
  EXPECT_EQ(secure->host, "checkpointd.db.svc");
  EXPECT_EQ(secure->port, 9443);
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->to_string(), "https://checkpointd.db.svc:9443");
}

TEST(EndpointParse, DefaultPortsAndIpv6) {
  EXPECT_EQ(Endpoint::parse("http://localhost")->port, 80);
  EXPECT_EQ(Endpoint::parse("https://localhost")->port, 443);
  auto v6 = Endpoint::parse("http://[::1]:7000");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 7000);
  EXPECT_EQ(v6->to_string(), "http://[::1]:7000");
  EXPECT_EQ(v6->authority(), "[::1]:7000");
}

TEST(EndpointParse, RejectsMalformedInputWithTheAcceptedForms) {
  for (const char* text : {"", "ftp://host:21", "unix://relative.sock", "relative.sock", "http://",
                           "http://:8080", "http://host:0", "http://host:65536", "http://host:80x",
                           "http://host:", "http://host:8080/v1", "http://[::1", "http://[::1]x"}) {
    auto endpoint = Endpoint::parse(text);
    ASSERT_FALSE(endpoint.ok()) << "accepted: " << text;
    EXPECT_EQ(endpoint.error().code, ErrorCode::bad_request) << text;
    EXPECT_NE(endpoint.error().message.find("use unix:///path/to.sock"), std::string::npos)
        << endpoint.error().message;
  }
}

TEST(EndpointParse, ErrorNamesTheEndpointAndTheProblem) {
  auto endpoint = Endpoint::parse("http://db:99999");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_NE(endpoint.error().message.find("\"http://db:99999\""), std::string::npos);
  EXPECT_NE(endpoint.error().message.find("invalid port"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::net
