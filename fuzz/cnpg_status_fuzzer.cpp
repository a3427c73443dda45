// Fuzzes the readers of CNPG objects the Kubernetes API returns (cnpg/backup_status.hpp,
// cnpg/cluster_status.hpp): any bytes as an API answer, read as the daemon reads it
// (codec/strict_json.hpp), then as a Backup and as a Cluster. Each reader must give a
// status or an engine_error naming the object, never crash or hang; a completed Backup
// must give BackupInfo or an error; the Cluster's verdicts and sentences are computed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cnpg/backup_status.hpp"
#include "cnpg/cluster_status.hpp"
#include "codec/strict_json.hpp"

namespace {

void check_error(const ckpt::Error& error, std::string_view kind) {
  if (error.code != ckpt::ErrorCode::engine_error || !error.message.starts_with(kind)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = ckpt::codec::parse_strict_json(text, ckpt::ErrorCode::engine_error);
  if (!parsed.ok() || !parsed->is_object()) return 0;
  const auto& object = parsed->get_object();

  const auto backup = ckpt::cnpg::parse_backup_status(object);
  if (backup.ok()) {
    (void)ckpt::cnpg::to_string(backup->progress);
    (void)ckpt::cnpg::is_terminal(backup->progress);
    if (backup->progress == ckpt::cnpg::BackupProgress::completed) {
      const auto info = ckpt::cnpg::to_backup_info(*backup);
      if (!info.ok() && info.error().message.empty()) std::abort();
    }
  } else {
    check_error(backup.error(), "Backup ");
  }

  const auto cluster = ckpt::cnpg::parse_cluster_status(object);
  if (cluster.ok()) {
    if (!ckpt::cnpg::is_healthy(*cluster) && ckpt::cnpg::why_not_healthy(*cluster).empty()) std::abort();
    if (ckpt::cnpg::is_unrecoverable(*cluster) && ckpt::cnpg::why_unrecoverable(*cluster).empty()) std::abort();
    if (!ckpt::cnpg::archiving_ok(*cluster) && ckpt::cnpg::why_archiving_fails(*cluster).empty()) std::abort();
  } else {
    check_error(cluster.error(), "Cluster ");
  }
  return 0;
}
