// approve and go-no-go: the release review's steps. approve records the rollback window's
// approver's explicit approval (refused, exit 3, for anyone else); go-no-go prints the
// contract step's checklist and exits 0 for go, 3 for no-go.
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int run_approve(const Command& command, const VerbContext& context) {
  auto approved = context.api.approve(command.checkpoint_id, ApproveRequest{.by = command.by, .note = command.note});
  if (!approved) return report_error(approved.error(), context.console);
  print_checkpoint_result(*approved, command, context.console, false);
  return proto::kExitOk;
}

int run_go_no_go(const Command& command, const VerbContext& context) {
  auto verdict = context.api.go_no_go(command.gate_cluster, command.gate_migration_id);
  if (!verdict) return report_error(verdict.error(), context.console);
  context.console.out << render_go_no_go(*verdict, command.output);
  return verdict->go ? proto::kExitOk : proto::spec_of(ErrorCode::refused).exit_code;
}

}  // namespace ckpt::cli
