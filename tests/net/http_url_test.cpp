// An http(s) URL split into where to connect, what to ask for, and how it is shown.
#include "net/http_url.hpp"

#include <gtest/gtest.h>

namespace ckpt::net {
namespace {

TEST(HttpUrl, SplitsWhereToConnectFromTheTarget) {
  struct Row {
    std::string url;
    std::string endpoint;
    bool tls;
    std::string target;
    std::string display;
  };
  for (const auto& row : std::vector<Row>{
           {"http://prometheus:9090", "http://prometheus:9090", false, "/", "http://prometheus:9090"},
           {"http://prometheus:9090/", "http://prometheus:9090", false, "/", "http://prometheus:9090/"},
           {"https://prom.example.com/prometheus", "https://prom.example.com:443", true, "/prometheus",
            "https://prom.example.com:443/prometheus"},
           {"http://10.0.0.7/healthz?verbose=1", "http://10.0.0.7:80", false, "/healthz?verbose=1",
            "http://10.0.0.7:80/healthz"},
           {"http://[::1]:8080/a/b", "http://[::1]:8080", false, "/a/b", "http://[::1]:8080/a/b"},
           {"http://[::1]:8080", "http://[::1]:8080", false, "/", "http://[::1]:8080"},
           {"http://app:8080?x=1", "http://app:8080", false, "/?x=1", "http://app:8080"},
           {"http://app:8080/status#top", "http://app:8080", false, "/status", "http://app:8080/status"},
           {"https://flags.example/hooks/flip?team=payments&sig=s3cr3t#frag", "https://flags.example:443", true,
            "/hooks/flip?team=payments&sig=s3cr3t", "https://flags.example:443/hooks/flip"},
       }) {
    SCOPED_TRACE(row.url);
    auto url = parse_http_url(row.url);
    ASSERT_TRUE(url.ok()) << url.error().message;
    EXPECT_EQ(url->endpoint.to_string(), row.endpoint);
    EXPECT_EQ(url->endpoint.tls, row.tls);
    EXPECT_TRUE(url->endpoint.ca_file.empty());
    EXPECT_FALSE(url->endpoint.insecure_skip_verify);
    EXPECT_EQ(url->target, row.target);
    EXPECT_EQ(url->display, row.display);
  }
}

TEST(HttpUrl, RefusesWhatIsNotAnHttpUrlQuotingItWithoutItsQuery) {
  struct Row {
    std::string url;
    std::string message;
  };
  for (const auto& row : std::vector<Row>{
           {"ftp://host/x?token=secret", R"(URL "ftp://host/x" must start with http:// or https://)"},
           {"prometheus:9090", R"(URL "prometheus:9090" must start with http:// or https://)"},
           {"HTTP://host/", R"(URL "HTTP://host/" must start with http:// or https://)"},
           {"", R"(URL "" must start with http:// or https://)"},
           {"http:///path", R"(URL "http:///path" has no usable host and port: )"},
           {"https://:443/x", R"(URL "https://:443/x" has no usable host and port: )"},
           {"http://host:99999/", R"(URL "http://host:99999/" has no usable host and port: )"},
           {"http://host/a b", R"(URL "http://host/a b" has a space or control character; percent-encode it)"},
           {"http://host/a?b=\r\nX-Injected: 1#secret",
            R"(URL "http://host/a" has a space or control character; percent-encode it)"},
           {"http://ho\x1b[2Jst/", R"(URL "http://ho\x1b[2Jst/" has a space or control character; percent-encode it)"},
       }) {
    SCOPED_TRACE(row.url);
    auto url = parse_http_url(row.url);
    ASSERT_FALSE(url.ok());
    EXPECT_EQ(url.error().code, ErrorCode::bad_request);
    EXPECT_EQ(url.error().message.substr(0, row.message.size()), row.message) << url.error().message;
    EXPECT_EQ(url.error().message.find("secret"), std::string::npos);
  }
}

TEST(HttpUrl, CredentialsInTheUrlAreRefusedWithoutQuotingThem) {
  for (const std::string text :
       {"https://user:hunter2@flags.example/hook", "http://hunter2@flags.example/hook",
        "https://user:hunter2@flags.example/hook\x01", "ftp://user:hunter2@flags.example/hook"}) {
    SCOPED_TRACE(text);
    auto url = parse_http_url(text);
    ASSERT_FALSE(url.ok());
    EXPECT_EQ(url.error().code, ErrorCode::bad_request);
    EXPECT_EQ(url.error().message.find("hunter2"), std::string::npos) << url.error().message;
  }
  EXPECT_EQ(parse_http_url("https://user:hunter2@flags.example/hook?x=1").error().message,
            R"(URL "https://flags.example/hook" must not carry credentials (user:password@host); )"
            "send them in a header or a bearer token file");
}

}  // namespace
}  // namespace ckpt::net
