// recoveryTarget.targetTime as CNPG reads it (cnpg.md §3.3): accepted forms are
//   PostgreSQL  "YYYY-MM-DD HH:MM:SS[.f...][+HH[:MM]]"   passed to PostgreSQL unchanged
//   RFC 3339    "YYYY-MM-DDTHH:MM:SS[.f...](Z|+HH:MM)"   rewritten
//   no zone     "YYYY-MM-DDTHH:MM:SS[.f...]" (UTC)         rewritten
// Rewritten forms become "YYYY-MM-DD HH:MM:SS.ffffff+HH:MM" with Z as +00:00 (CNPG's
// ConvertToPostgresFormat). A PostgreSQL-form time without a zone is taken as UTC for
// choosing the backup.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cnpgemu/time_text.hpp"

namespace ckpt::cnpgemu {

struct TargetTime {
  SystemTime instant;
  std::string postgres_text;  // the value of recovery_target_time
};

std::optional<TargetTime> parse_target_time(std::string_view text);

}  // namespace ckpt::cnpgemu
