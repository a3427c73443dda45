#include "cnpg/wal_archive.hpp"

#include "cnpg/json_lookup.hpp"

namespace ckpt::cnpg {
namespace {

// The enabled spec.plugins[] entry named `plugin_name` that archives WAL, or nullptr.
const boost::json::object* archiving_plugin(const boost::json::object& spec, std::string_view plugin_name) {
  const auto* plugins = spec.if_contains("plugins");
  if (plugins == nullptr || !plugins->is_array()) return nullptr;
  for (const auto& value : plugins->get_array()) {
    const auto* entry = value.if_object();
    if (string_at(entry, "name") == plugin_name && bool_at(entry, "isWALArchiver", false) &&
        bool_at(entry, "enabled", true)) {
      return entry;
    }
  }
  return nullptr;
}

std::string first_non_empty(std::string a, std::string b, std::string c) {
  if (!a.empty()) return a;
  return !b.empty() ? b : c;
}

Result<WalArchive> plugin_archive(const boost::json::object& entry, const config::CnpgCluster& cnpg) {
  const auto* parameters = object_at(&entry, "parameters");
  WalArchive archive;
  archive.kind = WalArchive::Kind::plugin;
  archive.plugin_name = cnpg.plugin_name;
  archive.barman_object_name = cnpg.barman_object_name.empty() ? string_at(parameters, "barmanObjectName")
                                                               : cnpg.barman_object_name;
  if (archive.barman_object_name.empty()) {
    return make_error(ErrorCode::engine_error,
                      source_cluster_label(cnpg) + ": plugin '" + cnpg.plugin_name +
                          "' has no parameters.barmanObjectName and cnpg.barman_object_name is not configured: "
                          "cannot name the ObjectStore holding its archive");
  }
  archive.server_name = first_non_empty(cnpg.server_name, string_at(parameters, "serverName"), cnpg.cluster_name);
  return archive;
}

Result<WalArchive> in_tree_archive(const boost::json::object& store, const config::CnpgCluster& cnpg) {
  if (string_at(&store, "destinationPath").empty()) {
    return make_error(ErrorCode::engine_error, source_cluster_label(cnpg) +
                                                   ": spec.backup.barmanObjectStore has no destinationPath: "
                                                   "cannot find its WAL archive");
  }
  WalArchive archive;
  archive.kind = WalArchive::Kind::barman_object_store;
  archive.server_name = first_non_empty(cnpg.server_name, string_at(&store, "serverName"), cnpg.cluster_name);
  archive.barman_object_store = store;
  archive.barman_object_store["serverName"] = archive.server_name;
  return archive;
}

Result<WalArchive> archive_of(const boost::json::object& spec, const config::CnpgCluster& cnpg) {
  if (const auto* entry = archiving_plugin(spec, cnpg.plugin_name)) return plugin_archive(*entry, cnpg);
  if (const auto* store = object_at(object_at(&spec, "backup"), "barmanObjectStore")) {
    return in_tree_archive(*store, cnpg);
  }
  return make_error(ErrorCode::engine_error,
                    source_cluster_label(cnpg) + " has no spec.backup.barmanObjectStore and no plugin archiving (a " +
                        "spec.plugins entry '" + cnpg.plugin_name +
                        "' with isWALArchiver: true): cannot find its WAL archive");
}

}  // namespace

std::string source_cluster_label(const config::CnpgCluster& cnpg) {
  return "source Cluster " + cnpg.namespace_name + "/" + cnpg.cluster_name;
}

Result<WalArchive> find_wal_archive(const boost::json::object& source_spec, const config::CnpgCluster& cnpg) {
  auto archive = archive_of(source_spec, cnpg);
  if (!archive) return archive;
  const bool plugin = archive->kind == WalArchive::Kind::plugin;
  if ((cnpg.backup_method == "plugin" && !plugin) || (cnpg.backup_method == "barmanObjectStore" && plugin)) {
    const auto archiver = plugin ? "plugin '" + cnpg.plugin_name + "'" : std::string{"spec.backup.barmanObjectStore"};
    return make_error(ErrorCode::engine_error,
                      "cnpg.backup_method is '" + cnpg.backup_method + "' but " + source_cluster_label(cnpg) +
                          " archives WAL through " + archiver + ": base backups and WAL must be in the same archive; set backup_method to " +
                          (plugin ? "plugin" : "barmanObjectStore") + " (or volumeSnapshot)");
  }
  return archive;
}

boost::json::object plugin_parameters(const WalArchive& archive, std::string_view server_name) {
  boost::json::object parameters;
  parameters["barmanObjectName"] = archive.barman_object_name;
  parameters["serverName"] = server_name;
  return parameters;
}

boost::json::object recovery_source_entry(const WalArchive& archive, std::string_view entry_name) {
  boost::json::object entry;
  entry["name"] = entry_name;
  if (archive.kind == WalArchive::Kind::barman_object_store) {
    entry["barmanObjectStore"] = archive.barman_object_store;
    return entry;
  }
  boost::json::object plugin;
  plugin["name"] = archive.plugin_name;
  plugin["parameters"] = plugin_parameters(archive, archive.server_name);
  entry["plugin"] = std::move(plugin);
  return entry;
}

}  // namespace ckpt::cnpg
