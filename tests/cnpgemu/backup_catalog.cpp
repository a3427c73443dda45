#include "cnpgemu/backup_catalog.hpp"

namespace ckpt::cnpgemu {
namespace {

bool qualifies(const CatalogBackup& backup, const BackupChoice& choice) {
  if (choice.timeline && backup.timeline != *choice.timeline) return false;
  if (choice.target_time) return backup.end_time <= *choice.target_time;
  if (choice.target_lsn) return backup.end_lsn < *choice.target_lsn;
  return true;
}

}  // namespace

void BackupCatalog::add(CatalogBackup backup) {
  std::lock_guard lock{mutex_};
  auto& folder = backups_[backup.server_name];
  folder.insert_or_assign(backup.backup_id, std::move(backup));
}

Result<CatalogBackup> BackupCatalog::choose(const std::string& server_name, const BackupChoice& choice) const {
  std::lock_guard lock{mutex_};
  const auto folder = backups_.find(server_name);
  if (!choice.backup_id.empty()) {
    if (folder != backups_.end()) {
      const auto found = folder->second.find(choice.backup_id);
      if (found != folder->second.end()) return found->second;
    }
    return make_error(ErrorCode::not_found,
                      "no backup found with ID " + choice.backup_id + " in the archive of server " + server_name);
  }
  if (folder != backups_.end()) {
    for (auto candidate = folder->second.rbegin(); candidate != folder->second.rend(); ++candidate) {
      if (qualifies(candidate->second, choice)) return candidate->second;
    }
  }
  return make_error(ErrorCode::not_found, "no target backup found");
}

}  // namespace ckpt::cnpgemu
