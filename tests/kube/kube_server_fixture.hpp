// Test support for the Kubernetes client's integration tests: a gtest fixture that starts
// the Kubernetes API test server with a writer, a reader and an admin token, writes a
// kubeconfig for a token and loads it through load_kubeconfig (so every test also covers
// certificate-authority-data), and runs coroutines on an io_context driven by the test
// thread. Backoffs are shortened so that retries do not slow the suite down.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::kube::testing {

inline constexpr const char* kWriterToken = "kube-writer-7c1d";
inline constexpr const char* kReaderToken = "kube-reader-33fa";
inline constexpr const char* kBackupsResource = "backups.postgresql.cnpg.io";

class KubeServerTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // A connection loaded from a kubeconfig carrying this token (the writer's by default).
  KubeConnection connection_for(const std::string& token = kWriterToken);
  // Quick retries: 20 ms base, 200 ms cap, 5 s per attempt, 15 s per call.
  static KubeClientOptions fast_options();

  // Runs the coroutine on `io` until it finishes and returns its value.
  template <typename T>
  T run(boost::asio::awaitable<T> task) {
    std::optional<T> result;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
        [&](std::exception_ptr thrown) { failure = thrown; });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  // backups in the develop namespace (the collection without a name).
  static ResourceRef backups(std::string name = {});
  static ResourceRef clusters(std::string name = {});
  static boost::json::object backup_manifest(const std::string& name, const std::string& cluster = "orders-db");
  static boost::json::object cluster_manifest(const std::string& name);

  // Writes straight into the server's store (no HTTP), failing the test on error.
  void store_create(const boost::json::object& object);
  void store_set_phase(const std::string& backup, const std::string& phase);
  void store_remove(const std::string& backup);
  std::string store_version() const;

  boost::asio::io_context io;
  test::TempDir dir{"kube"};
  std::unique_ptr<kubeapi::KubeApiServer> server;
  std::optional<KubeClient> client;  // the writer's, with fast_options()

 private:
  int kubeconfigs_written_ = 0;
};

}  // namespace ckpt::kube::testing
