// The words of the release discipline that a begin request and a migration plan share:
// the migration's phase (expand before the rollout, contract after it) and the rollback
// window with its owner and approver. Plain data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/duration.hpp"

namespace ckpt {

enum class MigrationPhase { expand, contract };

std::string_view to_string(MigrationPhase phase);
std::optional<MigrationPhase> migration_phase_from(std::string_view text);

struct RollbackWindow {
  Millis duration{0};
  std::string owner;
  std::string approver;
};

}  // namespace ckpt
