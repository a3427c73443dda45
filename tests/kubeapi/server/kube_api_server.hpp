// KubeApiServer: a Kubernetes API server for tests, on https://127.0.0.1:<port> with a
// throwaway CA. It serves discovery, OpenAPI v3, the CNPG resources (postgresql.cnpg.io/v1
// clusters, backups, scheduledbackups; barmancloud.cnpg.io/v1 objectstores), core
// namespaces, secrets and configmaps, apps/v1 deployments, and the CRDs themselves, with
// bearer-token auth, resourceVersion, the status subresource, watches, schema validation,
// strategic merge patches of the built-in types and fault injection. The real kubectl
// works against it (see docs/testing-kubernetes.md).
//
// Usage:
//   auto server = KubeApiServer::start({});            // Result<std::unique_ptr<...>>
//   (*server)->add_token("t0ken");                     // read-write
//   Endpoint: https://127.0.0.1:(*server)->port(), CA file (*server)->ca_file()
//   (*server)->store().create(backup_json);            // in-process, same semantics as HTTP
//   auto sub = (*server)->on_change([](const ChangeEvent& e) { ... });
//   (*server)->faults().fail_next({429, 2});
//
// Guarantees: start() returns only once the server accepts connections; the destructor
// stops it (open watches and connections are cut), joins its threads and removes its
// temporary directory. All accessors are thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/change_feed.hpp"
#include "kubeapi/server/faults.hpp"
#include "kubeapi/server/resource_endpoint.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "kubeapi/server/type_registry.hpp"

namespace ckpt::kubeapi {

struct KubeApiServerOptions {
  // CRD files to load; by default the shared CNPG CRDs when present. Without them the CNPG
  // kinds are served without schema checks.
  std::optional<std::filesystem::path> crd_dir = shared_crd_dir();
  std::uint16_t port = 0;
  // Created at start; objects can only be created in existing namespaces.
  std::vector<std::string> namespaces{"default", "develop"};
  // Watch events kept; a watch from an older resourceVersion gets 410.
  std::size_t event_history = 1000;
  std::chrono::milliseconds bookmark_interval{std::chrono::seconds(2)};
  FieldValidation default_field_validation = FieldValidation::strict;
  std::size_t io_threads = 2;
};

class KubeApiServer {
 public:
  static Result<std::unique_ptr<KubeApiServer>> start(KubeApiServerOptions options = {});
  ~KubeApiServer();
  KubeApiServer(const KubeApiServer&) = delete;
  KubeApiServer& operator=(const KubeApiServer&) = delete;

  std::uint16_t port() const;
  // "https://127.0.0.1:<port>"
  std::string url() const;
  const std::filesystem::path& ca_file() const;
  const std::string& ca_pem() const;

  // A bearer token that may read (read_only) or also write. `user` names the caller in
  // Forbidden messages (default "test-reader" / "test-writer").
  void add_token(std::string_view token, bool read_only = false, std::string user = {});
  // A token that may also use the /_test/ fault-injection endpoints.
  void add_admin_token(std::string_view token, std::string user = "test-admin");

  ResourceStore& store();
  Faults& faults();
  const TypeRegistry& types() const;
  // Every committed change, in order, on the store's delivery thread (change_feed.hpp).
  [[nodiscard]] ChangeFeed::Subscription on_change(ChangeFeed::Callback callback);

 private:
  struct Impl;
  explicit KubeApiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ckpt::kubeapi
