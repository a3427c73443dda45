#include "core/state_machine.hpp"

#include <array>
#include <initializer_list>
#include <string>

namespace ckpt {
namespace {

using S = CheckpointState;

struct Rule {
  Action action;
  std::initializer_list<S> from;
  S to;
};

const std::array<Rule, 11>& rules() {
  static const std::array<Rule, 11> table{{
      {Action::become_ready, {S::backing_up}, S::ready},
      {Action::refuse, {S::backing_up}, S::refused},
      {Action::start_migration, {S::ready}, S::migrating},
      {Action::start_watching, {S::migrating}, S::watching},
      {Action::commit, {S::ready, S::migrating, S::watching}, S::committed},
      {Action::close, {S::committed}, S::closed},
      {Action::fail, {S::ready, S::migrating, S::watching, S::committed}, S::failed},
      {Action::abort, {S::backing_up, S::ready}, S::aborted},
      {Action::start_restore,
       {S::ready, S::migrating, S::watching, S::committed, S::closed, S::failed, S::restore_failed},
       S::restoring},
      {Action::finish_restore, {S::restoring}, S::restored},
      {Action::fail_restore, {S::restoring}, S::restore_failed},
  }};
  return table;
}

}  // namespace

std::string_view to_string(Action action) {
  switch (action) {
    case Action::become_ready: return "become ready";
    case Action::refuse: return "refuse";
    case Action::start_migration: return "start the migration";
    case Action::start_watching: return "start watching";
    case Action::commit: return "commit";
    case Action::close: return "close";
    case Action::fail: return "fail";
    case Action::abort: return "abort";
    case Action::start_restore: return "restore";
    case Action::finish_restore: return "finish the restore";
    case Action::fail_restore: return "fail the restore";
  }
  return "unknown action";
}

Result<CheckpointState> next_state(CheckpointState from, Action action) {
  for (const auto& rule : rules()) {
    if (rule.action != action) continue;
    for (const auto state : rule.from) {
      if (state == from) return rule.to;
    }
    std::string allowed;
    for (const auto state : rule.from) {
      if (!allowed.empty()) allowed += ", ";
      allowed += to_string(state);
    }
    return make_error(ErrorCode::conflict,
                      "cannot " + std::string{to_string(action)} + " a checkpoint in state '" +
                          std::string{to_string(from)} + "' (allowed from: " + allowed + ")");
  }
  return make_error(ErrorCode::internal, "no rule for action " + std::string{to_string(action)});
}

bool is_terminal(CheckpointState state) {
  return state == S::closed || state == S::refused || state == S::restored ||
         state == S::aborted;
}

bool holds_cluster(CheckpointState state) {
  return state == S::backing_up || state == S::ready || state == S::migrating ||
         state == S::watching || state == S::restoring;
}

}  // namespace ckpt
