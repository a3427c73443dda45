// Timestamps as CNPG and Barman write them, always in UTC: metav1.Time (RFC 3339 with
// whole seconds, "2026-01-15T10:30:01Z"), Barman backup IDs ("20260115T103001") and
// backup names ("backup-20260115103001").
#pragma once

#include <chrono>
#include <string>

namespace ckpt::cnpgemu {

using SystemTime = std::chrono::system_clock::time_point;

std::string rfc3339_seconds(SystemTime at);
std::string barman_backup_id(SystemTime at);
std::string barman_backup_name(SystemTime at);

}  // namespace ckpt::cnpgemu
