// HttpClient::open_stream and ResponseStream against a scripted HTTP/1.1 server that writes
// exactly the bytes a test gives it, with pauses: chunked and Content-Length bodies read line
// by line as they arrive, the idle deadline, cut connections, cancellation, limits.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.hpp"
#include "net_test_support.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Accepts one connection on 127.0.0.1, reads the request head, then writes each step's
// bytes after its pause; at the end it closes the connection or holds it open until the
// server is destroyed.
class ScriptedServer {
 public:
  struct Step {
    std::chrono::milliseconds pause{0};
    std::string bytes;
  };
  enum class End { close, hold };

  ScriptedServer(std::vector<Step> steps, End end)
      : acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        steps_(std::move(steps)),
        end_(end) {
    asio::co_spawn(io_, serve(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~ScriptedServer() {
    io_.stop();
    thread_.join();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::awaitable<void> serve() {
    auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
    std::string head;
    co_await asio::async_read_until(socket, asio::dynamic_buffer(head), "\r\n\r\n", asio::use_awaitable);
    asio::steady_timer timer(io_);
    for (const auto& step : steps_) {
      timer.expires_after(step.pause);
      co_await timer.async_wait(asio::use_awaitable);
      co_await asio::async_write(socket, asio::buffer(step.bytes), asio::use_awaitable);
    }
    if (end_ == End::close) co_return;  // the socket closes here, without a final chunk
    timer.expires_after(1h);
    co_await timer.async_wait(asio::use_awaitable);
  }

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::vector<Step> steps_;
  End end_;
  std::thread thread_;
};

constexpr const char* kChunkedHead =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
constexpr const char* kLastChunk = "0\r\n\r\n";

std::string chunk(const std::string& data) {
  std::ostringstream out;
  out << std::hex << data.size() << "\r\n" << data << "\r\n";
  return out.str();
}

// What a test saw: the head, the lines in order, and how reading stopped.
struct Transcript {
  int status = 0;
  std::string content_type;
  std::vector<std::string> lines;
  bool ended = false;                       // next_line gave nullopt
  std::optional<Error> failure;             // or failed with this
  std::vector<Clock::time_point> arrivals;  // when each line was handed out
};

class ResponseStreamTest : public ::testing::Test {
 protected:
  Endpoint endpoint(std::uint16_t port) const {
    Endpoint result;
    result.kind = Endpoint::Kind::tcp;
    result.host = "127.0.0.1";
    result.port = port;
    return result;
  }

  static HttpRequest watch_request() {
    HttpRequest request;
    request.target = "/apis/x/v1/things?watch=1";
    return request;
  }

  // Opens the stream and reads lines until the end or an error (at most max_lines).
  Transcript read_lines(std::uint16_t port, std::chrono::milliseconds idle, ClientOptions options = {}) {
    HttpClient client(io.executor(), endpoint(port), std::move(options));
    return io.run([&]() -> asio::awaitable<Transcript> {
      Transcript transcript;
      const HttpRequest request = watch_request();
      auto opened = co_await client.open_stream(request, 2s);
      if (!opened) {
        transcript.failure = opened.error();
        co_return transcript;
      }
      auto& stream = **opened;
      transcript.status = stream.status();
      transcript.content_type = stream.header("content-type");
      for (;;) {
        auto line = co_await stream.next_line(idle);
        if (!line) {
          transcript.failure = line.error();
          co_return transcript;
        }
        if (!*line) {
          transcript.ended = true;
          co_return transcript;
        }
        transcript.arrivals.push_back(Clock::now());
        transcript.lines.push_back(std::move(**line));
      }
    }());
  }

  testing::IoThreads io;
};

TEST_F(ResponseStreamTest, ChunkedBodyArrivesLineByLineAsItIsSent) {
  ScriptedServer server({{0ms, kChunkedHead},
                         {0ms, chunk("{\"a\":1}\n{\"b\"")},
                         {0ms, chunk(":2}\r\n")},
                         {1500ms, chunk("\n{\"c\":3}\n")},
                         {0ms, kLastChunk}},
                        ScriptedServer::End::hold);
  const auto transcript = read_lines(server.port(), 5s);
  EXPECT_FALSE(transcript.failure) << transcript.failure->message;
  EXPECT_EQ(transcript.status, 200);
  EXPECT_EQ(transcript.content_type, "application/json");
  EXPECT_EQ(transcript.lines, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"}));
  EXPECT_TRUE(transcript.ended) << "the final chunk ends the body";
  ASSERT_EQ(transcript.arrivals.size(), 4u);
  EXPECT_GE(transcript.arrivals[2] - transcript.arrivals[0], 500ms)
      << "the first lines are handed out as they arrive, not held back until the body ends";
}

TEST_F(ResponseStreamTest, ContentLengthBodyDeliversALastLineWithoutNewline) {
  ScriptedServer server({{0ms, "HTTP/1.1 410 Gone\r\nContent-Length: 9\r\n\r\nfirst\nend"}}, ScriptedServer::End::hold);
  const auto transcript = read_lines(server.port(), 5s);
  EXPECT_EQ(transcript.status, 410);
  EXPECT_EQ(transcript.lines, (std::vector<std::string>{"first", "end"}));
  EXPECT_TRUE(transcript.ended);
}

TEST_F(ResponseStreamTest, IdleDeadlinePassesWhenNothingArrivesAndTheStreamStaysFailed) {
  ScriptedServer server({{0ms, kChunkedHead}, {0ms, chunk("x\n")}}, ScriptedServer::End::hold);
  HttpClient client(io.executor(), endpoint(server.port()));
  io.run([&]() -> asio::awaitable<void> {
    const HttpRequest request = watch_request();
    auto opened = co_await client.open_stream(request, 2s);
    EXPECT_TRUE(opened);
    if (!opened) co_return;
    auto& stream = **opened;
    auto first = co_await stream.next_line(2s);
    EXPECT_TRUE(first && *first && **first == "x");
    const auto started = Clock::now();
    auto idle = co_await stream.next_line(300ms);
    EXPECT_GE(Clock::now() - started, 300ms);
    EXPECT_FALSE(idle);
    if (idle) co_return;
    EXPECT_EQ(idle.error().code, ErrorCode::deadline_exceeded);
    EXPECT_EQ(idle.error().message, "no data from checkpointd at http://127.0.0.1:" + std::to_string(server.port()) +
                                        " on GET /apis/x/v1/things for 300 ms");
    auto again = co_await stream.next_line(2s);
    EXPECT_FALSE(again);
    if (!again) {
      EXPECT_EQ(again.error().message, idle.error().message);
    }
  }());
}

TEST_F(ResponseStreamTest, ConnectionCutMidBodyIsUnreachable) {
  ScriptedServer server({{0ms, kChunkedHead}, {0ms, chunk("x\n")}}, ScriptedServer::End::close);
  const auto transcript = read_lines(server.port(), 5s);
  EXPECT_EQ(transcript.lines, std::vector<std::string>{"x"});
  EXPECT_FALSE(transcript.ended) << "no final chunk arrived";
  ASSERT_TRUE(transcript.failure);
  EXPECT_EQ(transcript.failure->code, ErrorCode::unreachable);
  EXPECT_NE(transcript.failure->message.find(": read response body: "), std::string::npos)
      << transcript.failure->message;
}

TEST_F(ResponseStreamTest, ReadRestGivesTheWholeErrorBody) {
  const std::string status = R"({"kind":"Status","code":410,"reason":"Expired"})";
  ScriptedServer server({{0ms, "HTTP/1.1 410 Gone\r\nTransfer-Encoding: chunked\r\n\r\n"},
                         {0ms, chunk(status.substr(0, 10))},
                         {100ms, chunk(status.substr(10))},
                         {0ms, kLastChunk}},
                        ScriptedServer::End::hold);
  HttpClient client(io.executor(), endpoint(server.port()));
  auto body = io.run([&]() -> asio::awaitable<Result<std::string>> {
    const HttpRequest request = watch_request();
    auto opened = co_await client.open_stream(request, 2s);
    if (!opened) co_return opened.error();
    EXPECT_EQ((*opened)->status(), 410);
    co_return co_await (*opened)->read_rest(2s);
  }());
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(*body, status);
}

TEST_F(ResponseStreamTest, NoResponseHeadWithinTheDeadline) {
  ScriptedServer server({{5s, kChunkedHead}}, ScriptedServer::End::hold);
  HttpClient client(io.executor(), endpoint(server.port()));
  auto opened = io.run(client.open_stream(watch_request(), 300ms));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(opened.error().message.find("no response from checkpointd at http://127.0.0.1:"), std::string::npos)
      << opened.error().message;
}

TEST_F(ResponseStreamTest, ALineLongerThanTheLimitIsRefused) {
  ScriptedServer server({{0ms, kChunkedHead}, {0ms, chunk(std::string(100, 'x') + "\n")}}, ScriptedServer::End::hold);
  ClientOptions options;
  options.max_response_bytes = 16;
  const auto transcript = read_lines(server.port(), 5s, options);
  ASSERT_TRUE(transcript.failure);
  EXPECT_EQ(transcript.failure->code, ErrorCode::bad_request);
  EXPECT_NE(transcript.failure->message.find("is longer than 16 bytes"), std::string::npos)
      << transcript.failure->message;
}

TEST_F(ResponseStreamTest, CancellingAReadLeavesTheStreamUnusable) {
  ScriptedServer server({{0ms, kChunkedHead}}, ScriptedServer::End::hold);
  HttpClient client(io.executor(), endpoint(server.port()));
  io.run([&]() -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    const HttpRequest request = watch_request();
    auto opened = co_await client.open_stream(request, 2s);
    EXPECT_TRUE(opened);
    if (!opened) co_return;
    auto& stream = **opened;
    const auto executor = co_await asio::this_coro::executor;
    asio::steady_timer stop(executor, 200ms);
    const auto started = Clock::now();
    auto winner = co_await (stream.next_line(5s) || stop.async_wait(asio::use_awaitable));
    EXPECT_EQ(winner.index(), 1u) << "the other branch cancelled the read";
    EXPECT_LT(Clock::now() - started, 2s);
    auto after = co_await stream.next_line(5s);
    EXPECT_FALSE(after);
    if (!after) {
      EXPECT_EQ(after.error().code, ErrorCode::unreachable);
      EXPECT_NE(after.error().message.find("was interrupted"), std::string::npos) << after.error().message;
    }
  }());
}

TEST_F(ResponseStreamTest, RefusedConnectionSaysTheRequestWasNotSent) {
  std::uint16_t closed_port = 0;
  {
    asio::io_context scratch;
    asio::ip::tcp::acceptor probe(scratch, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    closed_port = probe.local_endpoint().port();
  }
  HttpClient client(io.executor(), endpoint(closed_port));
  auto opened = io.run(client.open_stream(watch_request(), 2s));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unreachable);
  EXPECT_EQ(opened.error().reason, kNotSent);
  auto answered = io.run(client.request(watch_request(), 2s));
  ASSERT_FALSE(answered);
  EXPECT_EQ(answered.error().reason, kNotSent);
}

TEST_F(ResponseStreamTest, FailureAfterSendingIsNotMarkedNotSent) {
  ScriptedServer server({{0ms, "HTTP/1.1 200 OK\r\nContent-"}}, ScriptedServer::End::close);
  HttpClient client(io.executor(), endpoint(server.port()));
  auto answered = io.run(client.request(watch_request(), 2s));
  ASSERT_FALSE(answered);
  EXPECT_EQ(answered.error().code, ErrorCode::unreachable);
  EXPECT_TRUE(answered.error().reason.empty()) << answered.error().reason;
}

}  // namespace
}  // namespace ckpt::net
