#include "engine/cnpg/manifest_validator.hpp"

#include "cnpg/json_lookup.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;

// "v1" of "postgresql.cnpg.io/v1".
std::string version_of(const boost::json::object& manifest) {
  const auto api_version = ckpt::cnpg::string_at(&manifest, "apiVersion");
  return api_version.substr(api_version.find('/') + 1);
}

Error violates_schema(const std::string& object, const std::string& crd_name, const std::string& version,
                      const std::vector<std::string>& violations) {
  std::string fields;
  for (const auto& violation : violations) fields += (fields.empty() ? "" : "; ") + violation;
  return make_error(ErrorCode::engine_error,
                    object + " does not match the schema of CustomResourceDefinition " + crd_name + " (version " +
                        version + ") served by the API server, so it was not sent: " + fields +
                        ". checkpointd renders manifests for CloudNativePG 1.30; compare the installed CRD "
                        "(kubectl get crd " +
                        crd_name + " -o yaml) with docs/cnpg.md");
}

}  // namespace

ManifestValidator::ManifestValidator(CrdReader read_crd, std::shared_ptr<spdlog::logger> logger, std::string cluster)
    : read_crd_(std::move(read_crd)), logger_(std::move(logger)), cluster_(std::move(cluster)) {}

awaitable<Result<void>> ManifestValidator::check(std::string crd_name, std::string object,
                                                 boost::json::object manifest) {
  const auto version = version_of(manifest);
  auto schema = co_await schema_for(crd_name, version);
  if (!schema) co_return Result<void>{};
  const auto violations = schema->violations(manifest);
  if (violations.empty()) co_return Result<void>{};
  co_return violates_schema(object, crd_name, version, violations);
}

std::optional<ckpt::cnpg::CrdSchema> ManifestValidator::cached(const std::string& key) {
  std::lock_guard lock{mutex_};
  const auto found = schemas_.find(key);
  if (found == schemas_.end()) return std::nullopt;
  return found->second;
}

void ManifestValidator::remember(const std::string& key, const ckpt::cnpg::CrdSchema& schema) {
  std::lock_guard lock{mutex_};
  schemas_.insert_or_assign(key, schema);
}

awaitable<std::optional<ckpt::cnpg::CrdSchema>> ManifestValidator::schema_for(std::string crd_name,
                                                                              std::string version) {
  const auto key = crd_name + "/" + version;
  if (auto known = cached(key)) co_return known;
  auto reading = read_crd_(crd_name);
  auto crd = co_await std::move(reading);
  if (!crd) {
    fall_back("cannot read CustomResourceDefinition " + crd_name + ": " + crd.error().message);
    co_return std::nullopt;
  }
  auto schema = ckpt::cnpg::CrdSchema::from_crd(*crd, version);
  if (!schema) {
    fall_back(schema.error().message);
    co_return std::nullopt;
  }
  remember(key, *schema);
  co_return std::move(schema).value();
}

void ManifestValidator::fall_back(const std::string& why) {
  bool first = false;
  {
    std::lock_guard lock{mutex_};
    first = !fallback_warned_;
    fallback_warned_ = true;
  }
  if (!first) {
    logger_->debug("cluster={} {}: manifests are sent unchecked", cluster_, why);
    return;
  }
  logger_->warn(
      "cluster={} {}. Manifests are not checked against the CRD schema before they are sent: validation falls "
      "back to the API server's strict field validation, which still rejects unknown fields. To check them "
      "first, grant the optional ClusterRole checkpointd-crd-reader (get on {} and {}, "
      "manifests/base/rbac/crd-reader.yaml). The CRD is read again before the next manifest; this warning is "
      "logged once",
      cluster_, why, kBackupsCrd, kClustersCrd);
}

}  // namespace ckpt::engine::cnpg
