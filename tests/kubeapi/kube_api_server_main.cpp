// kube_api_server: the Kubernetes API test server as a process, for kubectl checks and
// benchmarks.
//   kube_api_server --token-file F [--admin-token-file F] [--port 0] [--crd-dir DIR]
//                   [--kubeconfig-out FILE] [--namespace NS]...
// Prints the bound port on stdout (one line), writes the kubeconfig if asked, logs to
// stderr, and serves until SIGTERM or SIGINT.
#include <signal.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "kubeapi/server/kube_api_server.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace {

using ckpt::kubeapi::KubeApiServer;
using ckpt::kubeapi::KubeApiServerOptions;

struct Arguments {
  KubeApiServerOptions options;
  std::string token_file;
  std::string admin_token_file;
  std::string kubeconfig_out;
};

constexpr const char* kUsage =
    "usage: kube_api_server --token-file F [--admin-token-file F] [--port 0] [--crd-dir DIR]\n"
    "                       [--kubeconfig-out FILE] [--namespace NS]...\n";

std::optional<Arguments> parse_arguments(int argc, char** argv) {
  Arguments arguments;
  std::vector<std::string> namespaces;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return std::nullopt;
    const std::string value = argv[++i];
    if (flag == "--port") {
      unsigned port = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), port);
      if (error != std::errc{} || end != value.data() + value.size() || port > 65535) return std::nullopt;
      arguments.options.port = static_cast<std::uint16_t>(port);
    } else if (flag == "--token-file") {
      arguments.token_file = value;
    } else if (flag == "--admin-token-file") {
      arguments.admin_token_file = value;
    } else if (flag == "--crd-dir") {
      arguments.options.crd_dir = value;
    } else if (flag == "--kubeconfig-out") {
      arguments.kubeconfig_out = value;
    } else if (flag == "--namespace") {
      namespaces.push_back(value);
    } else {
      return std::nullopt;
    }
  }
  if (arguments.token_file.empty()) return std::nullopt;
  if (!namespaces.empty()) arguments.options.namespaces = namespaces;
  return arguments;
}

std::optional<std::string> read_token(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  if (token.empty()) return std::nullopt;
  return token;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("kube-api-server"));
  const auto arguments = parse_arguments(argc, argv);
  if (!arguments) {
    std::cerr << kUsage;
    return 2;
  }
  const auto token = read_token(arguments->token_file);
  if (!token) {
    std::cerr << "kube_api_server: cannot read a token from " << arguments->token_file << "\n";
    return 2;
  }
  std::optional<std::string> admin_token;
  if (!arguments->admin_token_file.empty()) {
    admin_token = read_token(arguments->admin_token_file);
    if (!admin_token) {
      std::cerr << "kube_api_server: cannot read a token from " << arguments->admin_token_file << "\n";
      return 2;
    }
  }

  // Block the stop signals before any thread starts, so that only sigwait sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = KubeApiServer::start(arguments->options);
  if (!server) {
    std::cerr << "kube_api_server: " << server.error().message << "\n";
    return 1;
  }
  (*server)->add_token(*token);
  if (admin_token) (*server)->add_admin_token(*admin_token);
  if (!arguments->kubeconfig_out.empty()) {
    auto written = ckpt::kubeapi::write_kubeconfig(
        arguments->kubeconfig_out, {(*server)->url(), (*server)->ca_pem(), *token, "develop"});
    if (!written) {
      std::cerr << "kube_api_server: " << written.error().message << "\n";
      return 1;
    }
  }
  std::cout << (*server)->port() << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  spdlog::info("stopping on signal {}", received);
  return 0;
}
