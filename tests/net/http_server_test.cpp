#include <gtest/gtest.h>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/system/system_error.hpp>

#include <sys/stat.h>

#include <fstream>
#include <future>
#include <thread>

#include "server_fixture.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using testing::kToken;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class HttpServerTest : public testing::ServerFixture {
 protected:
  // Waits until the server counts `count` requests in flight; false after 5 s.
  bool wait_for_in_flight(std::size_t count) {
    const auto give_up = Clock::now() + 5s;
    while (server->in_flight() != count) {
      if (Clock::now() > give_up) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }

  // Sends a request from another thread; its result arrives through the future.
  std::future<Result<HttpResponse>> call_in_background(const Endpoint& endpoint,
                                                       HttpRequest request) {
    return std::async(std::launch::async, [this, endpoint, request = std::move(request)]() mutable {
      return call(endpoint, std::move(request), 10s);
    });
  }
};

TEST_F(HttpServerTest, RoundTripOverUnixSocketWithoutToken) {
  ASSERT_NO_FATAL_FAILURE(start_unix(options_with_token()));
  HttpRequest request;
  request.method = "POST";
  request.target = "/v1/echo?name=a%20b";
  request.headers = {{"X-Test", "42"}, {"Content-Type", "application/json"}};
  request.body = R"({"hello":"world"})";

  auto response = call(unix_endpoint(), request);

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->content_type, "application/json");
  EXPECT_EQ(response->header("Server"), "checkpointd");
  EXPECT_EQ(response->header("Content-Length"), std::to_string(response->body.size()));
  EXPECT_EQ(response->header("X-Echo"), "yes");
  const auto echo = json_of(*response);
  EXPECT_EQ(echo.at("method").as_string(), "POST");
  EXPECT_EQ(echo.at("path").as_string(), "/v1/echo");
  EXPECT_EQ(echo.at("name").as_string(), "a b");
  EXPECT_EQ(echo.at("body").as_string(), R"({"hello":"world"})");
  EXPECT_EQ(echo.at("x_test").as_string(), "42");
  EXPECT_EQ(echo.at("host").as_string(), "localhost");
}

TEST_F(HttpServerTest, UnixSocketHasTheRequestedMode) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  struct stat status {};
  ASSERT_EQ(::stat(socket_path().c_str(), &status), 0);
  EXPECT_TRUE(S_ISSOCK(status.st_mode));
  EXPECT_EQ(status.st_mode & 0777, 0660u);
}

TEST_F(HttpServerTest, SecondListenerOnALiveSocketIsRefusedAndTheFirstKeepsServing) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  {
    HttpServer second(io.executor(), echo_handler(), ServerOptions{});
    auto listening = second.listen_unix(socket_path(), 0660);
    ASSERT_FALSE(listening.ok());
    EXPECT_NE(listening.error().message.find("another daemon is listening on " + socket_path()),
              std::string::npos)
        << listening.error().message;
  }
  auto response = call(unix_endpoint(), get("/v1/still-there"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, StaleSocketFileIsReplaced) {
  {
    asio::io_context scratch;
    asio::local::stream_protocol::acceptor dead(
        scratch, asio::local::stream_protocol::endpoint(socket_path()));
  }  // closed without removing the file, as after a crash
  ASSERT_TRUE(std::filesystem::exists(socket_path()));
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  auto response = call(unix_endpoint(), get("/v1/x"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, ARegularFileAtTheSocketPathIsNotRemoved) {
  std::ofstream(socket_path()) << "precious";
  HttpServer refused(io.executor(), echo_handler(), ServerOptions{});
  auto listening = refused.listen_unix(socket_path(), 0660);
  ASSERT_FALSE(listening.ok());
  EXPECT_NE(listening.error().message.find("exists and is not a socket"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_regular_file(socket_path()));
}

TEST_F(HttpServerTest, TcpRequiresTheBearerToken) {
  ASSERT_NO_FATAL_FAILURE(start_tcp());
  for (const std::string& token : {std::string(), std::string("wrong-token")}) {
    auto response = call(tcp_endpoint(), get("/v1/checkpoints", token));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->status, 401) << "token: " << token;
    EXPECT_EQ(error_code_of(*response), "unauthorized");
    EXPECT_EQ(response->header("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(response->body.find(kToken), std::string::npos);
  }
  EXPECT_EQ(handled.load(), 0);

  auto response = call(tcp_endpoint(), get("/v1/checkpoints?name=x", kToken));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(json_of(*response).at("name").as_string(), "x");
  EXPECT_EQ(json_of(*response).at("host").as_string(), "127.0.0.1:" + std::to_string(tcp_port));
}

TEST_F(HttpServerTest, UnauthenticatedPathsPassWithoutToken) {
  ASSERT_NO_FATAL_FAILURE(start_tcp());
  auto response = call(tcp_endpoint(), get("/healthz"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, TcpListenerWithoutTokenIsRefused) {
  HttpServer tokenless(io.executor(), echo_handler(), ServerOptions{});
  auto port = tokenless.listen_tcp("127.0.0.1", 0, std::nullopt);
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().code, ErrorCode::bad_request);
  EXPECT_NE(port.error().message.find("needs a bearer token"), std::string::npos);
}

TEST_F(HttpServerTest, ListenAddressMustBeAnIpAddress) {
  HttpServer server_with_token(io.executor(), echo_handler(), options_with_token());
  auto port = server_with_token.listen_tcp("not-an-address", 0, std::nullopt);
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.error().message.find("\"not-an-address\" is not an IP address"),
            std::string::npos);
}

TEST_F(HttpServerTest, BodyOverTheLimitGets413AndNeverReachesTheHandler) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  ASSERT_NO_FATAL_FAILURE(start_unix(options));
  HttpRequest request = get("/v1/checkpoints");
  request.method = "POST";
  request.body = std::string(1025, 'x');
  auto too_large = call(unix_endpoint(), request);
  ASSERT_TRUE(too_large.ok()) << too_large.error().message;
  EXPECT_EQ(too_large->status, 413);
  EXPECT_EQ(error_code_of(*too_large), "payload_too_large");
  EXPECT_EQ(handled.load(), 0);

  request.body = std::string(1024, 'x');
  auto at_limit = call(unix_endpoint(), request);
  ASSERT_TRUE(at_limit.ok()) << at_limit.error().message;
  EXPECT_EQ(at_limit->status, 200);
}

TEST_F(HttpServerTest, GarbageGets400BeforeTheConnectionCloses) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  RawConnection raw(socket_path());
  raw.send_bytes("THIS IS NOT HTTP\r\n\r\n");
  const std::string reply = raw.read_until_closed();
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_NE(reply.find("\"code\":\"bad_request\""), std::string::npos) << reply;
  EXPECT_NE(reply.find("Server: checkpointd"), std::string::npos) << reply;
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  RawConnection raw(socket_path());
  const HttpResponse first = raw.send(get("/v1/first"));
  const HttpResponse second = raw.send(get("/v1/second"));
  EXPECT_EQ(first.status, 200);
  EXPECT_NE(first.header("Connection"), "close");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(json_of(second).at("path").as_string(), "/v1/second");
  EXPECT_EQ(handled.load(), 2);
}

TEST_F(HttpServerTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  RawConnection raw(socket_path());
  raw.send_bytes(
      "PUT /v1/x HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
      "Content-Length: 5\r\n\r\n");
  EXPECT_EQ(raw.read_response().status, 100);
  raw.send_bytes("hello");
  const HttpResponse response = raw.read_response();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json_of(response).at("body").as_string(), "hello");
}

TEST_F(HttpServerTest, IncompleteHeadersAreCutOffAfterTheHeaderTimeout) {
  ServerOptions options;
  options.header_timeout = 200ms;
  ASSERT_NO_FATAL_FAILURE(start_unix(options));
  RawConnection raw(socket_path());
  raw.send_bytes("GET /v1/x HTTP/1.1\r\nHost: loc");
  EXPECT_TRUE(raw.closed_by_server_within(3s));
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionsCloseAfterTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = 200ms;
  ASSERT_NO_FATAL_FAILURE(start_unix(options));
  RawConnection raw(socket_path());
  ASSERT_EQ(raw.send(get("/v1/x")).status, 200);
  const auto started = Clock::now();
  EXPECT_TRUE(raw.closed_by_server_within(3s));
  EXPECT_GE(Clock::now() - started, 150ms);
}

TEST_F(HttpServerTest, ConcurrentRequestsFromManyClientsAllSucceed) {
  std::atomic<int> running{0};
  std::atomic<int> most_at_once{0};
  ASSERT_NO_FATAL_FAILURE(start_tcp(std::nullopt, [&](HttpRequest request) -> asio::awaitable<HttpResponse> {
    const int now = ++running;
    int seen = most_at_once.load();
    while (now > seen && !most_at_once.compare_exchange_weak(seen, now)) {
    }
    co_await testing::sleep_for(50ms);
    --running;
    HttpResponse response;
    response.body = request.body;
    co_return response;
  }));
  std::vector<std::future<Result<HttpResponse>>> pending;
  for (int i = 0; i < 24; ++i) {
    HttpRequest request = get("/v1/echo", kToken);
    request.method = "POST";
    request.body = std::to_string(i);
    pending.push_back(call_in_background(tcp_endpoint(), std::move(request)));
  }
  for (int i = 0; i < 24; ++i) {
    auto response = pending[static_cast<std::size_t>(i)].get();
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, std::to_string(i));
  }
  EXPECT_GT(most_at_once.load(), 1) << "requests were served one at a time";
}

TEST_F(HttpServerTest, HandlerExceptionGets500Internal) {
  ASSERT_NO_FATAL_FAILURE(
      start_unix(ServerOptions{}, [](HttpRequest) -> asio::awaitable<HttpResponse> {
        throw std::runtime_error("database exploded");
        co_return HttpResponse{};
      }));
  auto response = call(unix_endpoint(), get("/v1/x"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(error_code_of(*response), "internal");
  EXPECT_EQ(response->body.find("exploded"), std::string::npos)
      << "internal details leaked to the client";
}

TEST_F(HttpServerTest, ShutdownLetsAnInFlightRequestFinish) {
  std::atomic<bool> finished{false};
  ASSERT_NO_FATAL_FAILURE(
      start_unix(ServerOptions{}, [&](HttpRequest) -> asio::awaitable<HttpResponse> {
        co_await testing::sleep_for(300ms);
        finished = true;
        HttpResponse response;
        response.body = R"({"slow":true})";
        co_return response;
      }));
  auto pending = call_in_background(unix_endpoint(), get("/v1/slow"));
  ASSERT_TRUE(wait_for_in_flight(1));

  const auto started = Clock::now();
  io.run(server->shutdown(2s));
  const auto took = Clock::now() - started;

  EXPECT_TRUE(finished.load()) << "shutdown returned before the in-flight handler finished";
  EXPECT_LT(took, 1900ms) << "shutdown waited for the whole grace instead of the request";
  ASSERT_EQ(pending.wait_for(2s), std::future_status::ready);
  auto response = pending.get();
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"slow":true})");

  auto after = call(unix_endpoint(), get("/v1/x"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::unreachable);
  EXPECT_FALSE(std::filesystem::exists(socket_path())) << "the socket file outlived the server";
}

TEST_F(HttpServerTest, ShutdownForceClosesAfterTheGrace) {
  std::atomic<bool> cancelled{false};
  ASSERT_NO_FATAL_FAILURE(
      start_unix(ServerOptions{}, [&](HttpRequest) -> asio::awaitable<HttpResponse> {
        try {
          co_await testing::sleep_for(5s);
        } catch (const boost::system::system_error&) {
          cancelled = true;
          throw;
        }
        co_return HttpResponse{};
      }));
  auto pending = call_in_background(unix_endpoint(), get("/v1/stuck"));
  ASSERT_TRUE(wait_for_in_flight(1));

  const auto started = Clock::now();
  io.run(server->shutdown(200ms));
  const auto took = Clock::now() - started;

  EXPECT_GE(took, 200ms);
  EXPECT_LT(took, 2s);
  EXPECT_TRUE(cancelled.load()) << "the stuck handler was not cancelled";
  ASSERT_EQ(pending.wait_for(2s), std::future_status::ready);
  auto response = pending.get();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unreachable);
}

TEST_F(HttpServerTest, ShutdownClosesIdleKeepAliveConnectionsAtOnce) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  RawConnection raw(socket_path());
  ASSERT_EQ(raw.send(get("/v1/x")).status, 200);

  const auto started = Clock::now();
  io.run(server->shutdown(5s));
  EXPECT_LT(Clock::now() - started, 1s);
  EXPECT_TRUE(raw.closed_by_server_within(1s));
  EXPECT_EQ(server->in_flight(), 0u);
}

}  // namespace
}  // namespace ckpt::net
