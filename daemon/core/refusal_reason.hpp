// The reason a refused checkpoint records is always one of the documented refusal
// reasons (core/begin_validation.hpp's refusal::, listed in docs/api.md), whatever an
// engine's error carried: a Kubernetes Status reason (InternalError, Forbidden, ...) or
// a SQLSTATE never becomes a checkpoint's `reason` or a metric's label. Engines map
// their errors to the reason that fits (e.g. engine/cnpg/backup_runner.hpp: the
// Kubernetes API failing is cluster_unreachable); this is the last guard.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt {

// Every refusal::* reason, in the order core/begin_validation.hpp declares them.
std::span<const char* const> refusal_reasons();

// `reason` is one of refusal::*.
bool is_refusal_reason(std::string_view reason);

// error.reason when it is a refusal reason; otherwise deadline_exceeded for a
// deadline, cluster_unreachable for ErrorCode::unreachable, backup_failed for the rest.
std::string refusal_reason_for(const Error& error);

}  // namespace ckpt
