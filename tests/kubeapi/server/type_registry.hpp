// TypeRegistry: every resource type the test server serves, fixed once loaded:
// the built-in types (core namespaces, secrets and configmaps, apps deployments), the
// types of each CRD file (*.yaml) in the CRD directory, and for any CNPG kind whose CRD
// file is missing, its built-in identity without a schema (a log line says that schema
// checks are skipped for it). Also keeps the CRD documents, which
// the server serves under /apis/apiextensions.k8s.io/v1/customresourcedefinitions.
#pragma once

#include <boost/json/object.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

class TypeRegistry {
 public:
  // crd_dir: nullopt or a missing directory means no CRD files (logged). An unreadable or
  // malformed CRD file is an error naming the file.
  static Result<TypeRegistry> load(const std::optional<std::filesystem::path>& crd_dir);

  const ResourceType* find(std::string_view group, std::string_view version, std::string_view plural) const;
  // By "plural.group" (or the plural alone for the core group), e.g. "backups.postgresql.cnpg.io".
  const ResourceType* find_resource(std::string_view qualified_name) const;
  const ResourceType* find_kind(std::string_view api_version, std::string_view kind) const;

  const std::vector<std::shared_ptr<const ResourceType>>& types() const { return types_; }
  // The CRD documents, as read from the files or synthesized for fallback types.
  const std::vector<boost::json::object>& crds() const { return crds_; }

 private:
  void add(ResourceType type);

  std::vector<std::shared_ptr<const ResourceType>> types_;
  std::vector<boost::json::object> crds_;
};

// $CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds when that directory exists (the real CNPG
// CRDs on development machines), else nullopt.
std::optional<std::filesystem::path> shared_crd_dir();

}  // namespace ckpt::kubeapi
