#include "cnpg/recovery_target.hpp"

#include <chrono>
#include <string>

namespace ckpt::cnpg {
namespace {

// The decimal number in text[from, from + count), all digits.
unsigned number_at(std::string_view text, std::size_t from, std::size_t count) {
  unsigned value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + static_cast<unsigned>(text[i] - '0');
  return value;
}

Error missing(const Checkpoint& checkpoint, std::string_view what) {
  return make_error(ErrorCode::conflict, "checkpoint " + checkpoint.id + " has no " + std::string{what} +
                                             ": it never became ready, so there is nothing to restore to");
}

}  // namespace

bool is_postgres_utc_timestamp(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd.dddddd+00";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(number_at(text, 0, 4))},
                                         std::chrono::month{number_at(text, 5, 2)},
                                         std::chrono::day{number_at(text, 8, 2)}};
  return date.ok() && number_at(text, 11, 2) < 24 && number_at(text, 14, 2) < 60 && number_at(text, 17, 2) < 60;
}

Result<boost::json::object> render_recovery_target(const config::CnpgCluster& cnpg, const Checkpoint& checkpoint,
                                                   BackupPin pin) {
  if (!checkpoint.recovery_point) return missing(checkpoint, "recovery point");
  const auto& point = *checkpoint.recovery_point;
  boost::json::object target;
  if (pin == BackupPin::pinned) {
    if (!checkpoint.backup || checkpoint.backup->backup_id.empty()) return missing(checkpoint, "base backup id");
    target["backupID"] = checkpoint.backup->backup_id;
  }
  if (cnpg.recovery_target == "lsn") {
    if (point.target_lsn == Lsn{}) return missing(checkpoint, "recovery target LSN");
    target["targetLSN"] = format_lsn(point.target_lsn);
  } else if (cnpg.recovery_target == "name") {
    if (point.restore_point.empty()) return missing(checkpoint, "restore point name");
    target["targetName"] = point.restore_point;
  } else if (cnpg.recovery_target == "time") {
    if (!is_postgres_utc_timestamp(point.server_time)) {
      return make_error(ErrorCode::internal,
                        "checkpoint " + checkpoint.id + ": recorded server time '" + point.server_time +
                            "' is not in the form YYYY-MM-DD HH:MM:SS.ffffff+00; restore with recovery_target lsn");
    }
    target["targetTime"] = point.server_time;
  } else {
    return make_error(ErrorCode::internal, "cnpg.recovery_target of cluster " + cnpg.cluster_name + " is '" +
                                               cnpg.recovery_target + "'; it must be one of: lsn, name, time");
  }
  if (point.timeline > 0) target["targetTLI"] = std::to_string(point.timeline);
  if (cnpg.recovery_target == "lsn") target["exclusive"] = true;
  return target;
}

}  // namespace ckpt::cnpg
