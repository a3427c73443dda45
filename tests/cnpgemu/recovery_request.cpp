#include "cnpgemu/recovery_request.hpp"

#include <boost/json/value.hpp>
#include <charconv>
#include <limits>

#include "cnpg/json_lookup.hpp"

namespace ckpt::cnpgemu {
namespace {

using cnpg::bool_at;
using cnpg::object_at;
using cnpg::string_at;

constexpr const char* kRecoveryPath = "spec.bootstrap.recovery";
constexpr const char* kTargetPath = "spec.bootstrap.recovery.recoveryTarget";

Error invalid(const std::string& field, const std::string& problem) {
  return make_error(ErrorCode::bad_request, field + ": " + problem);
}

std::optional<std::uint64_t> parse_unsigned(const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || failure != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// targetTLI may arrive as a string ("latest", "2") or, without schema checks, a number.
std::string timeline_text(const boost::json::object* target) {
  const auto* value = target == nullptr ? nullptr : target->if_contains("targetTLI");
  if (value != nullptr && value->is_int64()) return std::to_string(value->as_int64());
  return string_at(target, "targetTLI");
}

Result<RecoveryTarget> read_target(const boost::json::object* target) {
  RecoveryTarget read;
  read.backup_id = string_at(target, "backupID");
  read.timeline = timeline_text(target);
  read.name = string_at(target, "targetName");
  read.xid = string_at(target, "targetXID");
  read.immediate = bool_at(target, "targetImmediate", false);
  read.exclusive = bool_at(target, "exclusive", false);
  const auto lsn_text = string_at(target, "targetLSN");
  const auto time_text = string_at(target, "targetTime");
  const int targets = int{!lsn_text.empty()} + int{!time_text.empty()} + int{!read.name.empty()} +
                      int{!read.xid.empty()} + int{read.immediate};
  if (targets > 1) return invalid(kTargetPath, "Recovery target options are mutually exclusive");
  if (!lsn_text.empty()) {
    read.lsn = parse_lsn(lsn_text);
    if (!read.lsn) return invalid(std::string{kTargetPath} + ".targetLSN", "Invalid TargetLSN '" + lsn_text + "'");
  }
  if (!time_text.empty()) {
    read.time = parse_target_time(time_text);
    if (!read.time) {
      return invalid(std::string{kTargetPath} + ".targetTime",
                     "The format of TargetTime is invalid: '" + time_text + "'");
    }
  }
  if (!read.xid.empty()) {
    const auto xid = parse_unsigned(read.xid);
    if (!xid || *xid > std::numeric_limits<std::uint32_t>::max()) {
      return invalid(std::string{kTargetPath} + ".targetXID", "must be a transaction ID from 0 to 4294967295");
    }
  }
  if (!read.timeline.empty() && read.timeline != "latest") {
    const auto timeline = parse_unsigned(read.timeline);
    if (!timeline || *timeline < 1 || *timeline > std::numeric_limits<std::uint32_t>::max()) {
      return invalid(std::string{kTargetPath} + ".targetTLI", "must be 'latest' or a timeline number >= 1");
    }
  }
  if ((!read.name.empty() || !read.xid.empty() || read.immediate) && read.backup_id.empty()) {
    return invalid(std::string{kTargetPath} + ".backupID",
                   "BackupID is missing (targetName, targetXID and targetImmediate need it)");
  }
  return read;
}

struct ArchiveSource {
  std::string server_name;
  std::string object_store;
};

Result<ArchiveSource> read_external_cluster(const boost::json::object& entry, const std::string& path,
                                            const std::string& cluster_name) {
  if (const auto* plugin = object_at(&entry, "plugin")) {
    if (string_at(plugin, "name") != kBarmanCloudPlugin) {
      return invalid(path + ".plugin.name", std::string{"only the "} + kBarmanCloudPlugin + " plugin is emulated");
    }
    const auto* parameters = object_at(plugin, "parameters");
    ArchiveSource source{string_at(parameters, "serverName"), string_at(parameters, "barmanObjectName")};
    if (source.object_store.empty()) {
      return invalid(path + ".plugin.parameters.barmanObjectName", "required: the ObjectStore holding the archive");
    }
    if (source.server_name.empty()) source.server_name = cluster_name;
    return source;
  }
  if (const auto* store = object_at(&entry, "barmanObjectStore")) {
    const auto server_name = string_at(store, "serverName");
    return ArchiveSource{server_name.empty() ? string_at(&entry, "name") : server_name, {}};
  }
  return invalid(path,
                 "recovery needs a plugin or barmanObjectStore archive (connection-only sources are not emulated)");
}

Result<ArchiveSource> read_source(const boost::json::object& spec, const boost::json::object& recovery,
                                  const std::string& cluster_name) {
  const auto source_name = string_at(&recovery, "source");
  if (source_name.empty()) {
    return invalid(std::string{kRecoveryPath} + ".source", "required: the name of an externalClusters entry");
  }
  const auto* entries = spec.if_contains("externalClusters");
  if (entries != nullptr && entries->is_array()) {
    for (std::size_t i = 0; i < entries->as_array().size(); ++i) {
      const auto& entry = entries->as_array()[i];
      if (entry.is_object() && string_at(&entry.as_object(), "name") == source_name) {
        return read_external_cluster(entry.as_object(), "spec.externalClusters[" + std::to_string(i) + "]",
                                     cluster_name);
      }
    }
  }
  return invalid(std::string{kRecoveryPath} + ".source", "no externalClusters entry is named '" + source_name + "'");
}

std::optional<std::string> own_archive_server_name(const boost::json::object& spec, const std::string& cluster_name) {
  const auto* plugins = spec.if_contains("plugins");
  if (plugins != nullptr && plugins->is_array()) {
    for (const auto& plugin : plugins->as_array()) {
      const auto* entry = plugin.is_object() ? &plugin.as_object() : nullptr;
      if (string_at(entry, "name") != kBarmanCloudPlugin || !bool_at(entry, "isWALArchiver", false) ||
          !bool_at(entry, "enabled", true)) {
        continue;
      }
      const auto server_name = string_at(object_at(entry, "parameters"), "serverName");
      return server_name.empty() ? cluster_name : server_name;
    }
  }
  if (const auto* store = object_at(object_at(&spec, "backup"), "barmanObjectStore")) {
    const auto server_name = string_at(store, "serverName");
    return server_name.empty() ? cluster_name : server_name;
  }
  return std::nullopt;
}

}  // namespace

BackupChoice RecoveryTarget::backup_choice() const {
  BackupChoice choice;
  choice.backup_id = backup_id;
  if (time) choice.target_time = time->instant;
  choice.target_lsn = lsn;
  if (!timeline.empty() && timeline != "latest") {
    choice.timeline = static_cast<std::uint32_t>(parse_unsigned(timeline).value_or(0));
  }
  return choice;
}

Result<RecoveryRequest> read_recovery_request(const boost::json::object& cluster) {
  const auto* metadata = object_at(&cluster, "metadata");
  const auto* spec = object_at(&cluster, "spec");
  const auto* bootstrap = object_at(spec, "bootstrap");
  const auto* recovery = object_at(bootstrap, "recovery");
  if (recovery == nullptr) return invalid(kRecoveryPath, "required for a recovery Cluster");
  if (bootstrap->contains("initdb") || bootstrap->contains("pg_basebackup")) {
    return invalid("spec.bootstrap", "Only one bootstrap method can be specified at a time");
  }
  if (recovery->contains("volumeSnapshots")) {
    return invalid(std::string{kRecoveryPath} + ".volumeSnapshots", "recovery from volume snapshots is not emulated");
  }
  if (recovery->contains("backup")) {
    return invalid(std::string{kRecoveryPath} + ".backup",
                   "recovery from a Backup object is not emulated: use source with an externalClusters entry");
  }
  const auto name = string_at(metadata, "name");
  auto source = read_source(*spec, *recovery, name);
  if (!source) return std::move(source).error();
  RecoveryRequest request;
  request.source_server_name = source->server_name;
  request.source_object_store = source->object_store;
  request.archive_server_name = own_archive_server_name(*spec, name);
  auto target = read_target(object_at(recovery, "recoveryTarget"));
  if (!target) return std::move(target).error();
  request.target = std::move(*target);
  return request;
}

}  // namespace ckpt::cnpgemu
