// The accepted names of the model's enums, comma-separated, for "must be one of: ..."
// messages. Derived from core's own to_string(), so they never drift from it.
#pragma once

#include <string>

namespace ckpt::codec {

const std::string& migration_phase_names();  // "expand, contract"
const std::string& checkpoint_state_names();  // "backing_up, ready, ..."
const std::string& statement_class_names();   // "additive, lock_risky, unknown, destructive"
const std::string& commit_policy_names();     // "automatic, manual"

}  // namespace ckpt::codec
