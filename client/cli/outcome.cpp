#include "cli/outcome.hpp"

namespace ckpt::cli {

int exit_code_for(const Error& error) { return proto::spec_of(error.code).exit_code; }

int exit_code_for_state(CheckpointState state) {
  switch (state) {
    case CheckpointState::refused:
      return proto::spec_of(ErrorCode::refused).exit_code;
    case CheckpointState::failed:
    case CheckpointState::restore_failed:
      return proto::spec_of(ErrorCode::failed).exit_code;
    default:
      return proto::kExitOk;
  }
}

int exit_code_after_begin(CheckpointState state) {
  if (state == CheckpointState::ready) return proto::kExitOk;
  if (state == CheckpointState::refused) return proto::spec_of(ErrorCode::refused).exit_code;
  return proto::spec_of(ErrorCode::failed).exit_code;
}

int exit_code_after_run(CheckpointState state) {
  switch (state) {
    case CheckpointState::committed:
    case CheckpointState::watching:
    case CheckpointState::closed:
      return proto::kExitOk;
    default:
      return proto::spec_of(ErrorCode::failed).exit_code;
  }
}

std::string error_line(const Error& error) {
  std::string line = "checkpointctl: " + error.message;
  if (!error.reason.empty()) line += " (reason: " + error.reason + ")";
  return line;
}

}  // namespace ckpt::cli
