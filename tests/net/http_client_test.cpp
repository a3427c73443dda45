#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "server_fixture.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class HttpClientTest : public testing::ServerFixture {};

TEST_F(HttpClientTest, DeadlineAgainstAServerThatNeverAnswers) {
  // Bound and listening, so connecting succeeds, but nobody ever reads or answers.
  asio::io_context never_run;
  asio::local::stream_protocol::acceptor silent(
      never_run, asio::local::stream_protocol::endpoint(socket_path()));

  const auto started = Clock::now();
  auto response = call(unix_endpoint(), get("/v1/checkpoints"), 300ms);
  const auto took = Clock::now() - started;

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(response.error().message.find("GET /v1/checkpoints within 300 ms"), std::string::npos)
      << response.error().message;
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 2s);
}

TEST_F(HttpClientTest, MissingSocketIsUnreachable) {
  auto response = call(unix_endpoint(), get("/v1/checkpoints"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unreachable);
  EXPECT_TRUE(response.error().message.starts_with("cannot reach checkpointd at unix://" +
                                                   socket_path() + ": "))
      << response.error().message;
}

TEST_F(HttpClientTest, ClosedTcpPortIsUnreachableAndNamesThePeer) {
  {
    asio::io_context scratch;
    asio::ip::tcp::acceptor probe(scratch,
                                  asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    tcp_port = probe.local_endpoint().port();
  }
  HttpClient client(io.executor(), tcp_endpoint(), ClientOptions{"Prometheus"});
  auto response = io.run(client.request(get("/api/v1/query"), 5s));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unreachable);
  EXPECT_TRUE(response.error().message.starts_with("cannot reach Prometheus at http://127.0.0.1:"))
      << response.error().message;
}

TEST_F(HttpClientTest, BlockingRequestForCommandLineTools) {
  ASSERT_NO_FATAL_FAILURE(start_unix(ServerOptions{}));
  HttpRequest request = get("/v1/checkpoints");
  request.method = "DELETE";
  auto response = request_blocking(unix_endpoint(), request, 5s);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(json_of(*response).at("method").as_string(), "DELETE");
}

TEST_F(HttpClientTest, BlockingRequestReportsUnreachable) {
  auto response = request_blocking(unix_endpoint(), get("/healthz"), 5s);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unreachable);
}

}  // namespace
}  // namespace ckpt::net
