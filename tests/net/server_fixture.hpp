// A gtest fixture that runs an HttpServer on a two-thread io_context in a temporary
// directory, with an echo handler that reports what it received as JSON, and calls it
// through HttpClient. The server is shut down (1 s grace) after each test.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net_test_support.hpp"

namespace ckpt::net::testing {

using namespace std::chrono_literals;

inline constexpr const char* kToken = "s3cret-token";

class ServerFixture : public ::testing::Test {
 protected:
  void TearDown() override {
    if (server) io.run(server->shutdown(1s));
    server.reset();
  }

  static ServerOptions options_with_token() {
    ServerOptions options;
    options.bearer_token = kToken;
    options.unauthenticated_paths = {"/healthz"};
    return options;
  }

  // Echoes method, path, body, the "name" query parameter and the Host and X-Test headers.
  HttpHandler echo_handler() {
    return [this](HttpRequest request) -> boost::asio::awaitable<HttpResponse> {
      ++handled;
      boost::json::object echo;
      echo["method"] = request.method;
      echo["path"] = request.path();
      echo["body"] = request.body;
      echo["name"] = request.query_param("name").value_or("");
      echo["host"] = request.header("Host");
      echo["x_test"] = request.header("X-Test");
      HttpResponse response;
      response.body = boost::json::serialize(echo);
      response.headers.emplace_back("X-Echo", "yes");
      co_return response;
    };
  }

  std::string socket_path() const { return dir.file("api.sock"); }

  void start_unix(ServerOptions options, HttpHandler handler = nullptr) {
    server = std::make_unique<HttpServer>(
        io.executor(), handler ? std::move(handler) : echo_handler(), std::move(options));
    auto listening = server->listen_unix(socket_path(), 0660);
    ASSERT_TRUE(listening.ok()) << listening.error().message;
    server->start();
  }

  // Starts a server with a token on TCP (TLS when files are given) and the Unix socket.
  void start_tcp(const std::optional<TlsServerFiles>& tls = std::nullopt,
                 HttpHandler handler = nullptr) {
    server = std::make_unique<HttpServer>(
        io.executor(), handler ? std::move(handler) : echo_handler(), options_with_token());
    auto port = server->listen_tcp("127.0.0.1", 0, tls);
    ASSERT_TRUE(port.ok()) << port.error().message;
    tcp_port = *port;
    server->start();
  }

  Endpoint unix_endpoint() const { return Endpoint::parse(socket_path()).value(); }

  Endpoint tcp_endpoint(std::string host = "127.0.0.1", bool tls = false) const {
    Endpoint endpoint;
    endpoint.kind = Endpoint::Kind::tcp;
    endpoint.host = std::move(host);
    endpoint.port = tcp_port;
    endpoint.tls = tls;
    return endpoint;
  }

  Result<HttpResponse> call(const Endpoint& endpoint, HttpRequest request,
                            std::chrono::milliseconds deadline = 5s) {
    HttpClient client(io.executor(), endpoint);
    return io.run(client.request(std::move(request), deadline));
  }

  static HttpRequest get(std::string target, std::string token = {}) {
    HttpRequest request;
    request.target = std::move(target);
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    return request;
  }

  static boost::json::value json_of(const HttpResponse& response) {
    return boost::json::parse(response.body);
  }

  static std::string error_code_of(const HttpResponse& response) {
    return std::string(json_of(response).at("error").at("code").as_string());
  }

  TempDir dir;
  IoThreads io;
  std::atomic<int> handled{0};
  std::unique_ptr<HttpServer> server;
  std::uint16_t tcp_port = 0;
};

}  // namespace ckpt::net::testing
