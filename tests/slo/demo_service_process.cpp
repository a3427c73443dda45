#include "demo_service_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "net/http_client.hpp"

extern char** environ;

namespace ckpt::test {
namespace {

constexpr std::string_view kListening = "listening on 127.0.0.1:";

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The port of a complete "listening on 127.0.0.1:<port>\n" line, or 0.
std::uint16_t announced_port(const std::string& output) {
  const auto start = output.find(kListening);
  if (start == std::string::npos) return 0;
  const auto end = output.find('\n', start);
  if (end == std::string::npos) return 0;
  const auto digits = start + kListening.size();
  return static_cast<std::uint16_t>(std::stoi(output.substr(digits, end - digits)));
}

}  // namespace

std::filesystem::path DemoServiceProcess::binary() {
  const char* build = std::getenv("CHECKPOINTD_BUILD_DIR");
  return std::filesystem::path{build != nullptr ? build : "."} / "demo" / "checkpointd-demo-service";
}

DemoServiceProcess::DemoServiceProcess(const std::filesystem::path& directory,
                                       const std::vector<std::string>& arguments)
    : output_(directory / "demo-service.out") {
  std::filesystem::create_directories(directory);
  std::vector<std::string> args{binary().string(), "--listen", "127.0.0.1:0"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const auto errors = (directory / "demo-service.err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(error));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (std::chrono::steady_clock::now() < deadline && port_ == 0) {
    port_ = announced_port(file_text(output_));
    if (port_ != 0) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the demo service exited at start; stderr: " + file_text(errors));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  stop(SIGKILL);
  throw std::runtime_error("the demo service did not print its port in 10 s; stderr: " + file_text(errors));
}

DemoServiceProcess::~DemoServiceProcess() {
  if (pid_ > 0) stop(SIGTERM);
}

net::HttpResponse DemoServiceProcess::call(const std::string& method, const std::string& target,
                                           const std::string& body) const {
  auto endpoint = net::Endpoint::parse("http://" + authority());
  auto response = net::request_blocking(*endpoint, net::HttpRequest{method, target, {}, body}, std::chrono::seconds{5});
  if (!response) throw std::runtime_error("the demo service did not answer: " + response.error().message);
  return std::move(response).value();
}

void DemoServiceProcess::set_error_ratio(double ratio) const {
  const auto response = call("POST", "/control/error-ratio", std::to_string(ratio));
  if (response.status != 200) throw std::runtime_error("setting the error ratio failed: " + response.body);
}

int DemoServiceProcess::stop(int signal) {
  if (pid_ <= 0) throw std::logic_error("the demo service is not running");
  ::kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace ckpt::test
