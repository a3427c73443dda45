// Checks a manifest against the schema of the CustomResourceDefinition that serves its
// kind (cnpg/crd_schema.hpp: unknown fields rejected) before the engine sends it, so a
// field the installed CNPG does not know is reported by name instead of being pruned.
// - The CRD is read through `read_crd` (KubeClient::get_crd) the first time it is needed
//   and kept for the validator's life (one per engine); a read that failed is tried again
//   the next time.
// - A manifest with violations is ErrorCode::engine_error naming the object and every
//   violating field; the caller sends nothing.
// - When the CRD cannot be read (403: the optional ClusterRole checkpointd-crd-reader is
//   not granted; 404; any other error) or does not serve the manifest's version with a
//   schema, the manifest passes unchecked: the API server's strict field validation
//   (fieldValidation=Strict, kube_client.hpp) still rejects unknown fields. One warning per
//   validator says so; later fallbacks are logged at debug level.
// Thread-safe; check() may run concurrently (two first checks may both read the CRD).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cnpg/crd_schema.hpp"
#include "core/result.hpp"

namespace ckpt::engine::cnpg {

inline constexpr const char* kBackupsCrd = "backups.postgresql.cnpg.io";
inline constexpr const char* kClustersCrd = "clusters.postgresql.cnpg.io";

class ManifestValidator {
 public:
  using CrdReader = std::function<boost::asio::awaitable<Result<boost::json::object>>(std::string crd_name)>;

  // `cluster` is checkpointd's name of the cluster, for log lines.
  ManifestValidator(CrdReader read_crd, std::shared_ptr<spdlog::logger> logger, std::string cluster);

  // `crd_name` serves the manifest's kind ("backups.postgresql.cnpg.io"); `object` names it
  // in messages ("Backup payments/orders-db-ckpt-a1b2c3d4"). The version checked is the
  // one of the manifest's apiVersion.
  boost::asio::awaitable<Result<void>> check(std::string crd_name, std::string object, boost::json::object manifest);

 private:
  boost::asio::awaitable<std::optional<ckpt::cnpg::CrdSchema>> schema_for(std::string crd_name, std::string version);
  std::optional<ckpt::cnpg::CrdSchema> cached(const std::string& key);
  void remember(const std::string& key, const ckpt::cnpg::CrdSchema& schema);
  void fall_back(const std::string& why);

  CrdReader read_crd_;
  std::shared_ptr<spdlog::logger> logger_;
  std::string cluster_;
  std::mutex mutex_;
  std::map<std::string, ckpt::cnpg::CrdSchema> schemas_;  // by "<crd name>/<version>"
  bool fallback_warned_ = false;
};

}  // namespace ckpt::engine::cnpg
