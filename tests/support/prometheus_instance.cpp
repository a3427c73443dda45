#include "support/prometheus_instance.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "kube/resource_ref.hpp"
#include "net/http_client.hpp"
#include "support/free_port.hpp"

extern char** environ;

namespace ckpt::test {
namespace {

constexpr const char* kBinary = "/usr/bin/prometheus";

net::Endpoint loopback(std::uint16_t port) {
  net::Endpoint endpoint;
  endpoint.kind = net::Endpoint::Kind::tcp;
  endpoint.host = "127.0.0.1";
  endpoint.port = port;
  return endpoint;
}

}  // namespace

bool PrometheusInstance::available(std::string& why) {
  if (access(kBinary, X_OK) == 0) return true;
  why = std::string{kBinary} + " is not installed (Debian package 'prometheus')";
  return false;
}

PrometheusInstance::PrometheusInstance(std::filesystem::path directory, std::string target,
                                       std::filesystem::path token_file)
    : directory_(std::move(directory)), port_(free_tcp_port()) {
  std::filesystem::create_directories(directory_ / "data");
  {
    std::ofstream config(directory_ / "prometheus.yml");
    config << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
           << "scrape_configs:\n  - job_name: checkpointd\n    scrape_interval: 1s\n";
    if (!token_file.empty()) config << "    authorization:\n      credentials_file: " << token_file.string() << "\n";
    config << "    static_configs:\n      - targets: ['" << target << "']\n";
  }
  const std::string config_arg = "--config.file=" + (directory_ / "prometheus.yml").string();
  const std::string data_arg = "--storage.tsdb.path=" + (directory_ / "data").string();
  const std::string listen_arg = "--web.listen-address=127.0.0.1:" + std::to_string(port_);
  std::vector<std::string> args{kBinary, config_arg, data_arg, listen_arg, "--log.level=warn"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const auto log = (directory_ / "prometheus.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int error = posix_spawn(&pid_, kBinary, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error(std::string{"cannot start prometheus: "} + std::strerror(error));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  const auto endpoint = loopback(port_);
  while (std::chrono::steady_clock::now() < deadline) {
    auto response =
        net::request_blocking(endpoint, net::HttpRequest{"GET", "/-/ready", {}, {}}, std::chrono::seconds{1});
    if (response && response->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  ::kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  throw std::runtime_error("prometheus did not become ready; see " + log);
}

PrometheusInstance::~PrometheusInstance() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

boost::json::array PrometheusInstance::query(const std::string& promql) {
  const auto endpoint = loopback(port_);
  auto response = net::request_blocking(
      endpoint, net::HttpRequest{"GET", "/api/v1/query?query=" + kube::query_escape(promql), {}, {}},
      std::chrono::seconds{5});
  if (!response) throw std::runtime_error("prometheus query failed: " + response.error().message);
  if (response->status != 200) throw std::runtime_error("prometheus answered " + response->body);
  return boost::json::parse(response->body).at("data").at("result").as_array();
}

std::optional<boost::json::array> PrometheusInstance::wait_for(const std::string& promql,
                                                               std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    auto result = query(promql);
    if (!result.empty()) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds{250});
  }
  return std::nullopt;
}

}  // namespace ckpt::test
