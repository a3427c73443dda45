#include "app/daemon_app.hpp"

#include <systemd/sd-daemon.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/api_routes.hpp"
#include "app/cluster_probe.hpp"
#include "config/config_loader.hpp"
#include "config/path_check.hpp"
#include "engine/cnpg/cnpg_engine.hpp"
#include "engine/local/local_engine.hpp"
#include "flags/flag_switch.hpp"
#include "kube/kube_client.hpp"
#include "kube/kubeconfig.hpp"
#include "net/http_server.hpp"
#include "obs/logging.hpp"
#include "pg/process.hpp"
#include "slo/measurer.hpp"

namespace ckpt::app {
namespace {

namespace po = boost::program_options;

struct Options {
  std::filesystem::path config_file = "/etc/checkpointd/config.yaml";
  bool check_only = false;
};

// nullopt with `exit_code` set when the program should stop (help, version, errors).
std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  Options options;
  po::options_description description("Usage: checkpointd [--config FILE] [--check-config]\n\nOptions");
  description.add_options()("help,h", "show this help")("version", "print the version")(
      "config,c", po::value<std::string>()->value_name("FILE"), "configuration file (default /etc/checkpointd/config.yaml)")(
      "check-config", "validate the configuration file and exit");
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(description).run(), values);
    po::notify(values);
  } catch (const po::error& e) {
    std::cerr << "checkpointd: " << e.what() << "; see checkpointd --help\n";
    exit_code = 2;
    return std::nullopt;
  }
  if (values.count("help") != 0U) {
    std::cout << description << "\n";
    exit_code = 0;
    return std::nullopt;
  }
  if (values.count("version") != 0U) {
    std::cout << "checkpointd " << CHECKPOINTD_VERSION << "\n";
    exit_code = 0;
    return std::nullopt;
  }
  if (values.count("config") != 0U) options.config_file = values["config"].as<std::string>();
  options.check_only = values.count("check-config") != 0U;
  return options;
}

Result<void> prepare_state_directory(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return make_error(ErrorCode::internal, "cannot create state_directory " + directory.string() + ": " +
                                               error.message());
  }
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all, error);
  return {};
}

// cnpg clusters and flag scopes kept in a ConfigMap or a Deployment's env reach the API.
bool uses_kubernetes(const config::Config& config) {
  const bool cnpg = std::any_of(config.clusters.begin(), config.clusters.end(),
                                [](const config::Cluster& cluster) { return cluster.engine == "cnpg"; });
  const bool kube_flags =
      std::any_of(config.flag_backends.begin(), config.flag_backends.end(), [](const config::FlagBackend& flags) {
        return std::holds_alternative<config::ConfigMapBackend>(flags.backend) ||
               std::holds_alternative<config::DeploymentEnvBackend>(flags.backend);
      });
  return cnpg || kube_flags;
}

// The one Kubernetes client every cnpg cluster shares: from kubernetes.kubeconfig, or
// from the pod's service account when it is empty.
Result<std::unique_ptr<kube::KubeClient>> make_kube_client(const config::Kubernetes& settings,
                                                           boost::asio::any_io_executor executor) {
  const bool in_cluster = settings.kubeconfig.empty();
  auto connection =
      in_cluster ? kube::load_in_cluster() : kube::load_kubeconfig(settings.kubeconfig, settings.context);
  if (!connection) {
    auto error = std::move(connection).error();
    // A kubeconfig's messages start with "kubeconfig <path>:" already.
    error.message = (in_cluster ? "kubernetes.kubeconfig is empty, so the pod's service account is used: "
                                : "cannot use kubernetes.kubeconfig: ") +
                    error.message;
    return error;
  }
  if (settings.insecure_skip_tls_verify) connection->endpoint.insecure_skip_verify = true;
  kube::KubeClientOptions options;
  options.request_timeout = settings.request_timeout;
  options.call_timeout = std::max(options.call_timeout, 3 * settings.request_timeout);
  return std::make_unique<kube::KubeClient>(std::move(executor), std::move(connection).value(), options);
}

Result<std::unique_ptr<engine::Engine>> make_engine(const config::Cluster& cluster, boost::asio::thread_pool& blocking,
                                                    kube::KubeClient* kube) {
  if (cluster.engine == "local" && cluster.local) {
    return std::unique_ptr<engine::Engine>(std::make_unique<engine::local::LocalEngine>(
        cluster, blocking, obs::logger("engine.local")));
  }
  if (cluster.engine == "cnpg" && cluster.cnpg && kube != nullptr) {
    return std::unique_ptr<engine::Engine>(
        std::make_unique<engine::cnpg::CnpgEngine>(cluster, *kube, blocking, obs::logger("engine.cnpg")));
  }
  return make_error(ErrorCode::bad_request, "cluster '" + cluster.name + "': engine '" + cluster.engine +
                                                "' has no usable configuration");
}

std::unique_ptr<net::HttpServer> make_server(boost::asio::io_context& io, const config::Config& config,
                                             const api::Router& router, Result<void>& status) {
  net::ServerOptions options;
  options.max_body_bytes = config.limits.max_body_bytes;
  options.unauthenticated_paths = {"/healthz", "/readyz"};
  if (config.listen.tcp) {
    auto token = config::read_secret_file(config.listen.tcp->token_file);
    if (!token) {
      status = token.error();
      return nullptr;
    }
    options.bearer_token = std::move(token).value();
  }
  auto server = std::make_unique<net::HttpServer>(
      io.get_executor(), [&router](net::HttpRequest request) { return router.dispatch(std::move(request)); },
      options);
  std::error_code error;
  std::filesystem::create_directories(config.listen.unix_socket.parent_path(), error);
  if (auto listening = server->listen_unix(config.listen.unix_socket.string(), config.listen.socket_mode);
      !listening) {
    status = listening.error();
    return nullptr;
  }
  if (const auto& tcp = config.listen.tcp) {
    std::optional<net::TlsServerFiles> tls;
    if (tcp->tls) tls = net::TlsServerFiles{tcp->tls->cert_file.string(), tcp->tls->key_file.string()};
    auto port = server->listen_tcp(tcp->address, tcp->port, tls);
    if (!port) {
      status = port.error();
      return nullptr;
    }
    obs::logger("http")->info("listening on {}:{}{}", tcp->address, port.value(), tls ? " (TLS)" : "");
  }
  obs::logger("http")->info("listening on unix socket {}", config.listen.unix_socket.string());
  return server;
}

int serve(const config::Config& config) {
  auto log = obs::logger("daemon");
  if (auto prepared = prepare_state_directory(config.state_directory); !prepared) {
    log->error("{}", prepared.error().message);
    return 1;
  }
  auto store = CheckpointStore::open(config.state_directory, [] { return std::chrono::system_clock::now(); });
  if (!store) {
    log->error("cannot open the state in {}: {}", config.state_directory.string(), store.error().message);
    return 1;
  }

  boost::asio::io_context io;
  boost::asio::thread_pool blocking(config.limits.blocking_threads);
  std::unique_ptr<kube::KubeClient> kube;
  if (uses_kubernetes(config)) {
    auto client = make_kube_client(config.kubernetes, io.get_executor());
    if (!client) {
      log->error("{}", client.error().message);
      return 1;
    }
    kube = std::move(client).value();
    log->info("Kubernetes API at {} as {}", kube->connection().server(), kube->connection().credentials);
  }
  std::map<std::string, std::unique_ptr<engine::Engine>, std::less<>> engines;
  for (const auto& cluster : config.clusters) {
    auto engine = make_engine(cluster, blocking, kube.get());
    if (!engine) {
      log->error("{}", engine.error().message);
      return 2;
    }
    engines.emplace(cluster.name, std::move(engine).value());
  }
  // Zero-initialised series for every cluster, buckets to the longest restore deadline,
  // the RTO budgets and the build info.
  obs::Metrics metrics(config, CHECKPOINTD_VERSION);
  service::ServiceContext context{config, **store, engines, metrics, io.get_executor(), blocking,
                                  [] { return std::chrono::system_clock::now(); }};
  slo::Measurer measurer(io.get_executor(), blocking, config);
  flags::FlagSwitch flag_switch(io.get_executor(), blocking, config, kube.get());
  service::Services services(context, measurer, flag_switch);

  std::atomic<bool> ready{false};
  api::Router router;
  api::add_api_routes(router, services, metrics, ready);

  Result<void> listening;
  auto server = make_server(io, config, router, listening);
  if (!server) {
    log->error("{}", listening.error().message);
    return 1;
  }
  server->start();
  services.resume();
  ClusterProbe probe(context);
  probe.start();
  ready = true;
  sd_notify(0, "READY=1");
  log->info("checkpointd {} ready with {} cluster(s)", CHECKPOINTD_VERSION, config.clusters.size());

  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code& error, int signal_number) {
    if (error) return;
    log->info("signal {} received: draining requests (grace {})", signal_number,
              format_duration(config.limits.shutdown_grace));
    ready = false;
    probe.stop();
    sd_notify(0, "STOPPING=1");
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          co_await server->shutdown(config.limits.shutdown_grace);
          io.stop();
        },
        boost::asio::detached);
  });

  const unsigned io_threads = 2;
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < io_threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& thread : threads) thread.join();

  // In-flight backups, restores and SQL migrations are durable and resume on the next
  // start; stop their child processes and cancel the migrations' running statements so
  // that the blocking pool can be joined promptly.
  pg::terminate_child_processes();
  services.stop();
  blocking.stop();
  blocking.join();
  log->info("stopped");
  return 0;
}

}  // namespace

int run_daemon(int argc, char** argv) {
  int exit_code = 0;
  auto options = parse_options(argc, argv, exit_code);
  if (!options) return exit_code;
  auto config = config::load_config_file(options->config_file);
  if (!config) {
    std::cerr << "checkpointd: invalid configuration:\n" << config.error().message << "\n";
    return 2;
  }
  if (options->check_only) {
    std::cout << options->config_file.string() << ": configuration is valid (" << config->clusters.size()
              << " cluster(s))\n";
    // Not errors: the daemon starts and refuses `begin` for such a cluster, naming the path.
    for (const auto& problem : config::missing_directories(*config)) std::cout << "warning: " << problem << "\n";
    return 0;
  }
  obs::setup_logging(config->log);
  return serve(*config);
}

}  // namespace ckpt::app
