#include "daemon_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/free_port.hpp"

extern char** environ;

namespace ckpt::test {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text, std::filesystem::perms perms) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  std::filesystem::permissions(path, perms);
}

// Starts `args` with stdout appended to `output` and stderr to `errors` (empty: stdout's file).
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& output,
            const std::filesystem::path& errors = {}) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (errors.empty()) {
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  }
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(error));
  return pid;
}

}  // namespace

std::filesystem::path DaemonProcess::binary() {
  const char* build = std::getenv("CHECKPOINTD_BUILD_DIR");
  return std::filesystem::path{build != nullptr ? build : "."} / "daemon" / "checkpointd";
}

std::filesystem::path checkpointctl_binary() {
  const char* build = std::getenv("CHECKPOINTD_BUILD_DIR");
  return std::filesystem::path{build != nullptr ? build : "."} / "client" / "checkpointctl";
}

namespace {

std::filesystem::path temp_file() {
  char name[] = "/tmp/checkpointd-run-XXXXXX";
  const int fd = mkstemp(name);
  close(fd);
  return name;
}

// The file's text; the file is removed.
std::string take_text(const std::filesystem::path& file) {
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  std::filesystem::remove(file);
  return text.str();
}

int wait_for_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::pair<int, std::string> run_daemon_once(const std::vector<std::string>& args) {
  const auto output = temp_file();
  std::vector<std::string> full{DaemonProcess::binary().string()};
  full.insert(full.end(), args.begin(), args.end());
  const int exit_code = wait_for_exit(spawn(full, output));
  return {exit_code, take_text(output)};
}

ProgramRun run_program(const std::vector<std::string>& args) {
  const auto output = temp_file();
  const auto errors = temp_file();
  const int exit_code = wait_for_exit(spawn(args, output, errors));
  return ProgramRun{exit_code, take_text(output), take_text(errors)};
}

DaemonProcess::DaemonProcess(std::filesystem::path directory, DaemonOptions options)
    : directory_(std::move(directory)),
      socket_(directory_ / "checkpointd.sock"),
      config_file_(directory_ / "checkpointd.yaml"),
      log_file_(directory_ / "checkpointd.log") {
  std::filesystem::create_directories(directory_);
  std::string yaml = "listen:\n  unix_socket: " + socket_.string() + "\n";
  if (options.tcp) {
    tcp_port_ = free_tcp_port();
    token_ = "test-token-" + std::to_string(tcp_port_);
    write_file(directory_ / "token", token_ + "\n", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    yaml += "  tcp:\n    address: 127.0.0.1\n    port: " + std::to_string(tcp_port_) +
            "\n    token_file: " + (directory_ / "token").string() + "\n";
  }
  yaml += "state_directory: " + (directory_ / "state").string() + "\n";
  yaml += "log:\n  level: debug\n";
  yaml += "limits:\n  shutdown_grace: 3s\n";
  yaml += options.extra_yaml;
  yaml += "clusters:\n" + options.clusters_yaml;
  write_file(config_file_, yaml, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

DaemonProcess::~DaemonProcess() {
  if (pid_ > 0) kill_hard();
}

void DaemonProcess::start() {
  pid_ = spawn({binary().string(), "--config", config_file_.string()}, log_file_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("checkpointd exited during start:\n" + log_text());
    }
    auto endpoint = net::Endpoint::parse(socket_.string());
    net::HttpRequest request{"GET", "/readyz", {}, {}};
    auto response = net::request_blocking(*endpoint, request, std::chrono::seconds{2});
    if (response && response->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  throw std::runtime_error("checkpointd did not become ready:\n" + log_text());
}

int DaemonProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void DaemonProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string DaemonProcess::log_text() const {
  std::ifstream in(log_file_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

net::HttpResponse DaemonProcess::call(const std::string& method, const std::string& target, const std::string& body) {
  auto endpoint = net::Endpoint::parse(socket_.string());
  net::HttpRequest request{method, target, {{"Content-Type", "application/json"}}, body};
  auto response = net::request_blocking(*endpoint, request, std::chrono::seconds{30});
  if (!response) throw std::runtime_error(method + " " + target + ": " + response.error().message);
  return std::move(response).value();
}

boost::json::value DaemonProcess::call_json(const std::string& method, const std::string& target,
                                            const std::string& body, int expected_status) {
  auto response = call(method, target, body);
  if (response.status != expected_status) {
    throw std::runtime_error(method + " " + target + " answered " + std::to_string(response.status) + ": " +
                             response.body);
  }
  return boost::json::parse(response.body);
}

boost::json::object DaemonProcess::wait_for_state(const std::string& id, const std::string& states,
                                                  std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  std::string last;
  while (std::chrono::steady_clock::now() < until) {
    auto checkpoint = call_json("GET", "/v1/checkpoints/" + id).as_object();
    last = std::string{checkpoint.at("state").as_string()};
    if (("," + states + ",").find("," + last + ",") != std::string::npos) return checkpoint;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  throw std::runtime_error("checkpoint " + id + " did not reach " + states + " (last state " + last + ")\n" +
                           log_text());
}

}  // namespace ckpt::test
