// checkpointctl against a tiny in-test daemon served by net::HttpServer: over a Unix
// socket, and over TCP with a bearer token read from a token file. Real HTTP, real
// polling, real exit codes.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/run.hpp"
#include "client/fake_daemon.hpp"
#include "client/sample_checkpoints.hpp"
#include "net/http_server.hpp"

namespace ckpt::cli {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr const char* kToken = "e2e-token-0123456789";

// Serves begin (backing_up, then ready on the second GET), get and list.
class TinyDaemon {
 public:
  TinyDaemon() {
    char pattern[] = "/tmp/checkpointctl-e2e-XXXXXX";
    directory_ = mkdtemp(pattern);
    net::ServerOptions options;
    options.bearer_token = kToken;
    server_ = std::make_unique<net::HttpServer>(
        io_.get_executor(), [this](net::HttpRequest request) -> asio::awaitable<net::HttpResponse> {
          co_return handle(request);
        },
        options);
  }

  ~TinyDaemon() {
    if (thread_.joinable()) {
      asio::co_spawn(io_, server_->shutdown(1s), asio::use_future).get();
      thread_.join();
    }
    server_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string socket_path() const { return directory_ + "/checkpointd.sock"; }
  std::string directory() const { return directory_; }

  Result<std::uint16_t> start() {
    if (auto listening = server_->listen_unix(socket_path(), 0600); !listening) return std::move(listening).error();
    auto port = server_->listen_tcp("127.0.0.1", 0, std::nullopt);
    if (!port) return port;
    server_->start();
    thread_ = std::thread([this] { io_.run(); });
    return port;
  }

 private:
  net::HttpResponse handle(const net::HttpRequest& request) {
    if (request.method == "POST" && request.target == "/v1/checkpoints") {
      return testing::checkpoint_response(202, testing::backing_up_checkpoint());
    }
    if (request.method == "GET" && request.target == "/v1/checkpoints/ck-7f3a") {
      return testing::checkpoint_response(200, ++gets_ < 2 ? testing::backing_up_checkpoint()
                                                            : testing::ready_checkpoint());
    }
    if (request.method == "GET" && request.target == "/v1/checkpoints") {
      return testing::json_response(
          200, boost::json::object{{"checkpoints", boost::json::array{to_json(testing::ready_checkpoint())}}});
    }
    return testing::error_response(make_error(ErrorCode::not_found, "no checkpoint at " + request.target));
  }

  std::string directory_;
  asio::io_context io_;
  std::unique_ptr<net::HttpServer> server_;
  std::thread thread_;
  std::atomic<int> gets_{0};
};

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome run(const std::vector<std::string>& args, const std::map<std::string, std::string>& environment = {}) {
  std::ostringstream out;
  std::ostringstream err;
  Console console{.out = out, .err = err, .out_is_terminal = false};
  const int exit_code = run_checkpointctl(args, [&](const std::string& name) -> std::optional<std::string> {
    const auto found = environment.find(name);
    if (found == environment.end()) return std::nullopt;
    return found->second;
  }, console);
  return Outcome{exit_code, out.str(), err.str()};
}

class EndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = daemon.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    port = *started;
  }

  std::string write_token_file(const std::string& token) const {
    const std::string path = daemon.directory() + "/token";
    std::ofstream(path) << token << "\n";
    return path;
  }

  TinyDaemon daemon;
  std::uint16_t port = 0;
};

TEST_F(EndToEnd, BeginOverTheUnixSocketWaitsUntilReady) {
  const auto outcome = run({"begin", "--cluster", "main", "--migration-id", "m-42", "--window", "24h", "--owner",
                            "alice", "--approver", "bob"},
                           {{"CHECKPOINTD_SOCKET", daemon.socket_path()}});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.out, "ck-7f3a\n");
  EXPECT_EQ(outcome.err, "backing up…\nready: recovery point 0/3000148 on timeline 1, archived\n");
}

TEST_F(EndToEnd, ListOverTcpWithTheBearerToken) {
  const auto outcome = run({"list", "-o", "yaml", "--addr", "http://127.0.0.1:" + std::to_string(port),
                            "--token-file", write_token_file(kToken)});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("id: ck-7f3a"), std::string::npos) << outcome.out;
}

TEST_F(EndToEnd, WrongTokenExitsEightWithoutPrintingIt) {
  const auto outcome = run({"list"}, {{"CHECKPOINTD_ADDR", "http://127.0.0.1:" + std::to_string(port)},
                                      {"CHECKPOINTD_TOKEN_FILE", write_token_file("not-the-token")}});
  EXPECT_EQ(outcome.exit_code, 8);
  EXPECT_EQ(outcome.err.find("not-the-token"), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.err.rfind("checkpointctl: ", 0), 0U) << outcome.err;
}

TEST_F(EndToEnd, UnknownCheckpointExitsFive) {
  const auto outcome = run({"--socket", daemon.socket_path(), "status", "ck-nope"});
  EXPECT_EQ(outcome.exit_code, 5);
  EXPECT_EQ(outcome.err, "checkpointctl: no checkpoint at /v1/checkpoints/ck-nope\n");
}

TEST_F(EndToEnd, NobodyListeningExitsSix) {
  const auto outcome = run({"--socket", daemon.directory() + "/absent.sock", "list"});
  EXPECT_EQ(outcome.exit_code, 6);
  EXPECT_NE(outcome.err.find("is checkpointd running? Point checkpointctl at it with --socket PATH or --addr URL"),
            std::string::npos)
      << outcome.err;
}

TEST_F(EndToEnd, UsageErrorsExitTwoBeforeAnyConnection) {
  const auto outcome = run({"frobnicate"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err,
            "checkpointctl: unknown command 'frobnicate'; commands are begin, commit, fail, abort, restore, status, "
            "list, events, plan check, run, promote, flag, approve, go-no-go, evidence, evidence verify, drill, "
            "completion, man (see 'checkpointctl --help')\n");
}

TEST_F(EndToEnd, HelpGoesToStdoutAndExitsZero) {
  const auto outcome = run({"status", "--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.out.rfind("Usage: checkpointctl status ID [--watch]", 0), 0U) << outcome.out;
}

TEST_F(EndToEnd, MissingOrEmptyTokenFileIsAnError) {
  const auto missing = run({"--addr", "http://127.0.0.1:" + std::to_string(port), "--token-file",
                            daemon.directory() + "/nope", "list"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read token file '" + daemon.directory() + "/nope'"), std::string::npos)
      << missing.err;
  const auto empty = run({"--addr", "http://127.0.0.1:" + std::to_string(port), "--token-file",
                          write_token_file(""), "list"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("is empty; put the daemon's bearer token in it"), std::string::npos) << empty.err;
}

TEST_F(EndToEnd, InsecureSkipVerifyWarnsLoudly) {
  const auto outcome = run({"--socket", daemon.socket_path(), "--insecure-skip-tls-verify", "list"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.err.find("checkpointctl: WARNING: --insecure-skip-tls-verify has no effect"), std::string::npos)
      << outcome.err;
}

}  // namespace
}  // namespace ckpt::cli
