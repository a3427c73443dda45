// Test fixture: runs the real checkpointd binary with a generated config on a Unix
// socket (and optionally TCP with a token), talks to it over HTTP, and can stop it
// with SIGTERM or kill it with SIGKILL and start it again on the same state.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <string>

#include "net/http_client.hpp"

namespace ckpt::test {

struct DaemonOptions {
  explicit DaemonOptions(std::string clusters, bool with_tcp = false)
      : clusters_yaml(std::move(clusters)), tcp(with_tcp) {}
  std::string clusters_yaml;  // the `clusters:` list, indented by two spaces
  bool tcp = false;           // also listen on 127.0.0.1:<free port> with a token
  std::string extra_yaml;     // more top-level keys
};

class DaemonProcess {
 public:
  DaemonProcess(std::filesystem::path directory, DaemonOptions options);
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  static std::filesystem::path binary();

  void start();            // starts and waits until /readyz answers 200
  int stop();              // SIGTERM, waits, returns the exit status
  void kill_hard();        // SIGKILL, reaps
  bool running() const { return pid_ > 0; }

  net::HttpResponse call(const std::string& method, const std::string& target, const std::string& body = {});
  boost::json::value call_json(const std::string& method, const std::string& target, const std::string& body = {},
                               int expected_status = 200);
  // Polls GET /v1/checkpoints/{id} until its state is one of `states` (comma separated).
  boost::json::object wait_for_state(const std::string& id, const std::string& states,
                                     std::chrono::seconds deadline = std::chrono::seconds{120});

  const std::filesystem::path& socket() const { return socket_; }
  const std::filesystem::path& config_file() const { return config_file_; }
  const std::filesystem::path& log_file() const { return log_file_; }
  std::uint16_t tcp_port() const { return tcp_port_; }
  const std::string& token() const { return token_; }
  std::string log_text() const;

 private:
  std::filesystem::path directory_;
  std::filesystem::path socket_;
  std::filesystem::path config_file_;
  std::filesystem::path log_file_;
  std::uint16_t tcp_port_ = 0;
  std::string token_;
  pid_t pid_ = -1;
};

// Runs checkpointd with `args`, returns (exit status, combined output).
std::pair<int, std::string> run_daemon_once(const std::vector<std::string>& args);

struct ProgramRun {
  int exit_code = 0;  // 128 + signal when a signal ended it
  std::string out;
  std::string err;
};

// Runs a program (args[0] is its path) to its end, stdout and stderr kept apart.
ProgramRun run_program(const std::vector<std::string>& args);

// The checkpointctl binary of the build under test.
std::filesystem::path checkpointctl_binary();

}  // namespace ckpt::test
