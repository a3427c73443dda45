// Judges a begin request that carries a migration plan, before anything is recorded
// or taken (no backup for a refused plan):
// - the plan must say what the request says (cluster, migration id, purpose, phase,
//   rollback window), and each step's sha256 must be that of its text: a mismatch is
//   bad_request naming both values;
// - its SQL is classified again here: the daemon trusts no client's classification;
// - the Prometheus servers and flag scopes its slo and flag sections name must be in
//   the daemon's configuration (bad_request naming the unknown one and the known ones);
// - core/plan_rules.hpp's check_plan: structural problems are bad_request, breaches of
//   the discipline are refused with their reason (destructive_statement, ...);
// - a contract plan passes only when the contract gate of its expand migration passes
//   (core/contract_gate.hpp, from recorded checkpoints) or a break-glass override names
//   a person and a reason; otherwise it is refused with `contract_gate` and a message
//   listing every missing piece of evidence.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "core/contract_gate.hpp"
#include "core/result.hpp"

namespace ckpt::service {

struct PlanAdmission {
  std::optional<GateVerdict> gate;  // contract plans
  bool break_glass_used = false;    // the gate failed and the plan's break-glass let it through
  std::string summary;              // one line for the timeline: statements by class, the gate
};

// A refused plan's Error carries, besides its reason, the rule for metrics in `rule`.
struct PlanRefusal {
  Error error;
  std::string rule;
};

// `flag_readings`: for a contract plan, its expand migration's flag read back in each
// scope (service/go_no_go.hpp read_flags).
std::variant<PlanAdmission, PlanRefusal> admit_plan(BeginRequest& request, const config::Config& config,
                                                    const config::Cluster& cluster,
                                                    const std::vector<Checkpoint>& checkpoints, TimePoint now,
                                                    const std::vector<FlagReading>& flag_readings);

}  // namespace ckpt::service
