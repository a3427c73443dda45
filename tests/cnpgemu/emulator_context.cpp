#include "cnpgemu/emulator_context.hpp"

namespace ckpt::cnpgemu {
namespace {

template <typename Value>
std::optional<Value> value_at(const std::map<std::string, Value>& values, const std::string& key) {
  const auto found = values.find(key);
  return found == values.end() ? std::nullopt : std::optional{found->second};
}

}  // namespace

std::string object_key(std::string_view namespace_name, std::string_view name) {
  return std::string{namespace_name} + "/" + std::string{name};
}

std::filesystem::path service_directory(const std::filesystem::path& services_directory,
                                        std::string_view namespace_name, std::string_view name) {
  return services_directory / (std::string{name} + "-rw." + std::string{namespace_name});
}

void SourceRegistry::add(SourceClusterSpec spec) {
  std::lock_guard lock{mutex_};
  auto key = object_key(spec.namespace_name, spec.name);
  sources_.insert_or_assign(std::move(key), std::move(spec));
}

std::optional<SourceClusterSpec> SourceRegistry::find(std::string_view namespace_name, std::string_view name) const {
  std::lock_guard lock{mutex_};
  return value_at(sources_, object_key(namespace_name, name));
}

std::filesystem::path SourceRegistry::archive_folder(const std::string& server_name) const {
  std::lock_guard lock{mutex_};
  for (const auto& [key, source] : sources_) {
    if (source.name == server_name) return source.archive_directory;
  }
  return work_directory_ / "objectstore" / server_name;
}

bool BackupSlots::try_acquire(const std::string& cluster_key, const std::string& backup_key) {
  std::lock_guard lock{mutex_};
  const auto [slot, acquired] = running_.try_emplace(cluster_key, backup_key);
  return acquired || slot->second == backup_key;
}

void BackupSlots::release(const std::string& cluster_key) {
  std::lock_guard lock{mutex_};
  running_.erase(cluster_key);
}

void ActivityRecord::base_backup_started(const std::string& backup_key) {
  std::lock_guard lock{mutex_};
  ++base_backups_[backup_key];
}

void ActivityRecord::recovery_started(const std::string& cluster_key) {
  std::lock_guard lock{mutex_};
  ++recoveries_[cluster_key];
}

void ActivityRecord::ready(const std::string& cluster_key, ReadyTime at) {
  std::lock_guard lock{mutex_};
  ready_.insert_or_assign(cluster_key, at);
}

std::size_t ActivityRecord::base_backups_started(const std::string& backup_key) const {
  std::lock_guard lock{mutex_};
  return value_at(base_backups_, backup_key).value_or(0);
}

std::size_t ActivityRecord::recoveries_started(const std::string& cluster_key) const {
  std::lock_guard lock{mutex_};
  return value_at(recoveries_, cluster_key).value_or(0);
}

std::optional<ReadyTime> ActivityRecord::ready_time(const std::string& cluster_key) const {
  std::lock_guard lock{mutex_};
  return value_at(ready_, cluster_key);
}

}  // namespace ckpt::cnpgemu
