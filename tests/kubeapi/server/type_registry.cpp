#include "kubeapi/server/type_registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "kubeapi/server/builtin_types.hpp"
#include "kubeapi/server/crd_types.hpp"
#include "kubeapi/server/logger.hpp"
#include "kubeapi/server/yaml_json.hpp"

namespace ckpt::kubeapi {
namespace {

std::vector<std::filesystem::path> yaml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ignored)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool is_crd(const boost::json::value& document) {
  if (!document.is_object()) return false;
  const auto* kind = document.get_object().if_contains("kind");
  return kind && *kind == "CustomResourceDefinition";
}

}  // namespace

void TypeRegistry::add(ResourceType type) {
  types_.push_back(std::make_shared<const ResourceType>(std::move(type)));
}

Result<TypeRegistry> TypeRegistry::load(const std::optional<std::filesystem::path>& crd_dir) {
  TypeRegistry registry;
  registry.add(namespace_type());
  registry.add(secret_type());
  for (auto* make_type : {config_map_type, deployment_type}) {
    auto type = make_type();
    if (!type) return std::move(type).error();
    registry.add(std::move(*type));
  }
  registry.add(custom_resource_definition_type());

  std::error_code ignored;
  if (crd_dir && std::filesystem::is_directory(*crd_dir, ignored)) {
    for (const auto& file : yaml_files(*crd_dir)) {
      auto document = read_yaml_file(file);
      if (!document) return std::move(document).error();
      if (!is_crd(*document)) continue;
      auto types = resource_types_from_crd(document->get_object());
      if (!types) return make_error(types.error().code, file.string() + ": " + types.error().message);
      for (auto& type : *types) registry.add(std::move(type));
      registry.crds_.push_back(std::move(document->get_object()));
    }
  } else {
    logger()->info("CRD directory {} not found: schema checks are skipped",
                   crd_dir ? crd_dir->string() : std::string("(none given)"));
  }

  for (auto& fallback : cnpg_fallback_types()) {
    if (registry.find_resource(fallback.qualified_name())) continue;
    logger()->info("no CRD file for {}: serving it without schema checks", fallback.qualified_name());
    registry.crds_.push_back(synthesize_crd(fallback));
    registry.add(std::move(fallback));
  }
  return registry;
}

const ResourceType* TypeRegistry::find(std::string_view group, std::string_view version,
                                       std::string_view plural) const {
  for (const auto& type : types_) {
    if (type->group == group && type->version == version && type->plural == plural) return type.get();
  }
  return nullptr;
}

const ResourceType* TypeRegistry::find_resource(std::string_view qualified_name) const {
  for (const auto& type : types_) {
    if (type->qualified_name() == qualified_name) return type.get();
  }
  return nullptr;
}

const ResourceType* TypeRegistry::find_kind(std::string_view api_version, std::string_view kind) const {
  for (const auto& type : types_) {
    if (type->api_version() == api_version && type->kind == kind) return type.get();
  }
  return nullptr;
}

std::optional<std::filesystem::path> shared_crd_dir() {
  const char* source_dir = std::getenv("CHECKPOINTD_SOURCE_DIR");
  if (!source_dir || !*source_dir) return std::nullopt;
  auto dir = std::filesystem::path(source_dir) / ".." / "shared" / "cnpg-crds";
  std::error_code ignored;
  if (!std::filesystem::is_directory(dir, ignored)) return std::nullopt;
  return std::filesystem::weakly_canonical(dir, ignored);
}

}  // namespace ckpt::kubeapi
