// HttpsServer: the TLS listener of the Kubernetes API test server. Accepts connections on an
// io_context (each connection on its own strand) and serves them with serve_connection.
// Construct, listen(), start(); stop() closes the listener (connections in progress end
// when their io_context stops). Asio and Beast stay out of this header.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace ckpt::kubeapi {

class ApiRouter;
class Faults;
class ResourceStore;

struct HttpsServerOptions {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
  std::chrono::milliseconds bookmark_interval{std::chrono::seconds(2)};
};

class HttpsServer {
 public:
  HttpsServer(boost::asio::any_io_executor executor, const ApiRouter& router, ResourceStore& store,
              Faults& faults, HttpsServerOptions options);
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // Binds address:port (0: any free port) and returns the bound port.
  Result<std::uint16_t> listen(const std::string& address, std::uint16_t port);
  void start();
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace ckpt::kubeapi
