#include "core/refusal_reason.hpp"

#include <algorithm>
#include <array>

#include "core/begin_validation.hpp"

namespace ckpt {

std::span<const char* const> refusal_reasons() {
  static constexpr std::array kReasons{
      refusal::missing_rollback_window, refusal::missing_owner,         refusal::missing_approver,
      refusal::unknown_cluster,         refusal::cluster_unreachable,   refusal::cluster_not_healthy,
      refusal::archive_mode_off,        refusal::wal_archive_failing,   refusal::cluster_busy,
      refusal::backup_failed,           refusal::deadline_exceeded,     refusal::aborted,
      refusal::approver_is_owner,       refusal::destructive_statement, refusal::contract_gate,
      refusal::rto_budget_exceeded};
  return kReasons;
}

bool is_refusal_reason(std::string_view reason) {
  const auto reasons = refusal_reasons();
  return std::any_of(reasons.begin(), reasons.end(), [&](const char* known) { return reason == known; });
}

std::string refusal_reason_for(const Error& error) {
  if (is_refusal_reason(error.reason)) return error.reason;
  switch (error.code) {
    case ErrorCode::deadline_exceeded:
      return refusal::deadline_exceeded;
    case ErrorCode::unreachable:
      return refusal::cluster_unreachable;
    default:
      return refusal::backup_failed;
  }
}

}  // namespace ckpt
