#include "service/plan_admission.hpp"

#include "core/begin_validation.hpp"
#include "core/plan_rules.hpp"
#include "codec/content_hash.hpp"
#include "plan/plan_classification.hpp"

namespace ckpt::service {
namespace {

Error mismatch(std::string_view field, const std::string& in_plan, const std::string& in_request) {
  return make_error(ErrorCode::bad_request, "field 'plan." + std::string{field} + "' ('" + in_plan +
                                                "') differs from the request's '" + std::string{field} + "' ('" +
                                                in_request + "'); send the plan's own values");
}

std::optional<Error> plan_mismatch(const BeginRequest& request, const MigrationPlan& plan) {
  if (plan.cluster != request.cluster) return mismatch("cluster", plan.cluster, request.cluster);
  if (plan.migration_id != request.migration_id)
    return mismatch("migration_id", plan.migration_id, request.migration_id);
  if (plan.purpose != request.purpose) return mismatch("purpose", plan.purpose, request.purpose);
  if (plan.phase != request.phase) {
    return mismatch("phase", std::string{to_string(plan.phase)}, std::string{to_string(request.phase)});
  }
  if (plan.window.duration != request.window.duration) {
    return mismatch("rollback_window.duration", format_duration(plan.window.duration),
                    format_duration(request.window.duration));
  }
  if (plan.window.owner != request.window.owner) {
    return mismatch("rollback_window.owner", plan.window.owner, request.window.owner);
  }
  if (plan.window.approver != request.window.approver) {
    return mismatch("rollback_window.approver", plan.window.approver, request.window.approver);
  }
  return std::nullopt;
}

// The rule of the first statement an expand plan may not hold, for the metric's label.
std::string refusing_rule(const MigrationPlan& plan) {
  for (const auto& step : plan.steps) {
    for (const auto& statement : step.statements) {
      if (blocks_expand(step, statement)) return statement.verdict.rule;
    }
  }
  return refusal::destructive_statement;
}

std::string class_counts(const MigrationPlan& plan) {
  const PlanSummary summary = summarize_plan(plan);
  std::string text =
      std::to_string(summary.steps) + " SQL file(s), " + std::to_string(summary.statements) + " statement(s)";
  for (const auto cls :
       {StatementClass::additive, StatementClass::lock_risky, StatementClass::unknown, StatementClass::destructive}) {
    if (const auto count = summary.count(cls); count > 0) {
      text += ", " + std::to_string(count) + " " + std::string{to_string(cls)};
    }
  }
  return text;
}

template <typename Item>
std::string names_of(const std::vector<Item>& items) {
  if (items.empty()) return "none is configured";
  std::string text = "configured: ";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : ", ") + items[i].name;
  return text;
}

// The servers and scopes the plan names exist in the daemon's configuration.
std::optional<Error> unknown_reference(const MigrationPlan& plan, const config::Config& config) {
  if (plan.slo) {
    const auto check = [&](const std::vector<SloMetric>& metrics, const std::string& path) -> std::optional<Error> {
      for (std::size_t i = 0; i < metrics.size(); ++i) {
        const auto* query = std::get_if<PrometheusQuery>(&metrics[i].provider);
        if (query == nullptr || config.find_prometheus(query->server) != nullptr) continue;
        const std::string which =
            query->server.empty() ? "no server (which needs exactly one configured)" : "server '" + query->server + "'";
        return make_error(
            ErrorCode::bad_request,
            "field 'plan.slo." + path + "[" + std::to_string(i) + "].provider.prometheus' names " + which +
                ", which is not in the daemon's configuration (prometheus: " + names_of(config.prometheus) + ")");
      }
      return std::nullopt;
    };
    if (auto error = check(plan.slo->metrics, "metrics")) return error;
    if (auto error = check(plan.slo->data_checks, "data_checks")) return error;
  }
  if (plan.flag) {
    for (const auto& scope : plan.flag->scopes) {
      if (config.find_flag_backend(scope) != nullptr) continue;
      return make_error(ErrorCode::bad_request, "field 'plan.flag.scopes' names '" + scope +
                                                    "', which is not one of the daemon's flag_backends (" +
                                                    names_of(config.flag_backends) + ")");
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<PlanAdmission, PlanRefusal> admit_plan(BeginRequest& request, const config::Config& config,
                                                    const config::Cluster& cluster,
                                                    const std::vector<Checkpoint>& checkpoints, TimePoint now,
                                                    const std::vector<FlagReading>& flag_readings) {
  MigrationPlan& plan = *request.plan;
  if (auto different = plan_mismatch(request, plan)) return PlanRefusal{std::move(*different), {}};
  if (auto unknown = unknown_reference(plan, config)) return PlanRefusal{std::move(*unknown), {}};
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    if (sha256_hex(plan.steps[i].sql) != plan.steps[i].sha256) {
      return PlanRefusal{make_error(ErrorCode::bad_request,
                                    "field 'plan.steps[" + std::to_string(i) + "].sha256' does not match the text of " +
                                        plan.steps[i].file + "; send the file as it was hashed"),
                         {}};
    }
  }
  for (auto& step : plan.steps) step.statements.clear();
  if (auto classified = classify_plan(plan); !classified) return PlanRefusal{std::move(classified).error(), {}};
  if (auto checked = check_plan(plan); !checked) {
    auto error = std::move(checked).error();
    const std::string rule = error.reason == refusal::destructive_statement ? refusing_rule(plan) : error.reason;
    return PlanRefusal{std::move(error), rule};
  }

  PlanAdmission admission;
  admission.summary = plan.steps.empty() ? "wraps the command of the migration job" : class_counts(plan);
  if (plan.phase != MigrationPhase::contract) return admission;

  GateInputs inputs;
  inputs.cluster = cluster.name;
  inputs.expand_migration_id = plan.expand_migration_id;
  inputs.checkpoints = &checkpoints;
  inputs.now = now;
  inputs.restore_max_age = cluster.restore_evidence_max_age;
  inputs.rto_budget = cluster.rto_budget;
  inputs.flag_readings = flag_readings;
  admission.gate = evaluate_contract_gate(inputs);
  if (admission.gate->go) {
    admission.summary += "; contract gate: go";
    return admission;
  }
  if (!plan.break_glass) {
    return PlanRefusal{
        make_error(ErrorCode::refused,
                   "contract migration '" + plan.migration_id +
                       "' is refused: the go/no-go of expand "
                       "migration '" +
                       plan.expand_migration_id + "' does not pass (" + describe_failures(*admission.gate) +
                       "); provide the missing evidence, or a break_glass override with a person and "
                       "a reason",
                   refusal::contract_gate),
        refusal::contract_gate};
  }
  admission.break_glass_used = true;
  admission.summary += "; contract gate overridden by break-glass of " + plan.break_glass->by + ": " +
                       plan.break_glass->reason + " (missing: " + describe_failures(*admission.gate) + ")";
  return admission;
}

}  // namespace ckpt::service
