#include "core/checkpoint.hpp"

#include <array>
#include <utility>

namespace ckpt {
namespace {

constexpr std::array kStateNames{
    std::pair{CheckpointState::backing_up, std::string_view{"backing_up"}},
    std::pair{CheckpointState::ready, std::string_view{"ready"}},
    std::pair{CheckpointState::migrating, std::string_view{"migrating"}},
    std::pair{CheckpointState::watching, std::string_view{"watching"}},
    std::pair{CheckpointState::committed, std::string_view{"committed"}},
    std::pair{CheckpointState::closed, std::string_view{"closed"}},
    std::pair{CheckpointState::refused, std::string_view{"refused"}},
    std::pair{CheckpointState::failed, std::string_view{"failed"}},
    std::pair{CheckpointState::restoring, std::string_view{"restoring"}},
    std::pair{CheckpointState::restored, std::string_view{"restored"}},
    std::pair{CheckpointState::restore_failed, std::string_view{"restore_failed"}},
    std::pair{CheckpointState::aborted, std::string_view{"aborted"}},
};

// Object names must be valid Kubernetes names (lowercase, digits, '-'), so the short
// id is the checkpoint id itself, which is generated that way.
std::string suffix_for_attempt(int attempt) {
  return attempt > 1 ? "-" + std::to_string(attempt) : std::string{};
}

}  // namespace

std::string_view to_string(CheckpointState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return name;
  }
  return "unknown";
}

std::optional<CheckpointState> checkpoint_state_from(std::string_view text) {
  for (const auto& [value, name] : kStateNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(MigrationPhase phase) {
  return phase == MigrationPhase::expand ? "expand" : "contract";
}

std::optional<MigrationPhase> migration_phase_from(std::string_view text) {
  if (text == "expand") return MigrationPhase::expand;
  if (text == "contract") return MigrationPhase::contract;
  return std::nullopt;
}

std::string backup_object_name(std::string_view cluster, std::string_view checkpoint_id) {
  return std::string{cluster} + "-ckpt-" + std::string{checkpoint_id};
}

std::string restore_object_name(std::string_view cluster, std::string_view checkpoint_id, int attempt) {
  return std::string{cluster} + "-pitr-" + std::string{checkpoint_id} + suffix_for_attempt(attempt);
}

std::string drill_object_name(std::string_view cluster, std::string_view checkpoint_id) {
  return std::string{cluster} + "-drill-" + std::string{checkpoint_id};
}

std::string restore_target_name(std::string_view cluster, const Checkpoint& checkpoint, int attempt) {
  return checkpoint.request.drill ? drill_object_name(cluster, checkpoint.id)
                                  : restore_object_name(cluster, checkpoint.id, attempt);
}

std::string parked_copy_name(std::string_view cluster, std::string_view checkpoint_id) {
  return std::string{cluster} + "-parked-" + std::string{checkpoint_id};
}

std::string restore_point_name(std::string_view checkpoint_id) {
  return "checkpointd-" + std::string{checkpoint_id};
}

}  // namespace ckpt
