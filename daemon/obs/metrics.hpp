// checkpointd's Prometheus metrics (every family is described in docs/metrics.md).
// Metrics owns the registry; the daemon's own HTTP server serves render() at /metrics
// with Metrics::kContentType. Every method is thread-safe. Label values are taken as
// given: callers pass the documented values (trigger manual|auto; restore phase
// base_copied|recovery_started|promoted|verified|cut_over; outcome ready|refused|
// committed|failed|aborted|closed|restored|restore_failed; refusal reasons from
// core/begin_validation.hpp) so that the number of series stays bounded.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ckpt::obs {

class Metrics {
 public:
  // The Content-Type of render()'s text.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4";

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // checkpointd_restore_duration_seconds{phase=<phase>}: time since the previous phase.
  void observe_restore_phase(std::string_view cluster, std::string_view trigger, std::string_view phase,
                             double seconds);
  // checkpointd_restore_duration_seconds{phase="total"} (trigger to verified) and
  // checkpointd_last_restore_duration_seconds.
  void observe_restore_total(std::string_view cluster, std::string_view trigger, double seconds);
  // checkpointd_checkpoints_total.
  void count_outcome(std::string_view cluster, std::string_view outcome);
  // checkpointd_checkpoint_refusals_total.
  void count_refusal(std::string_view cluster, std::string_view reason);
  // checkpointd_checkpoint_duration_seconds: begin to ready.
  void observe_checkpoint_duration(std::string_view cluster, double seconds);
  // checkpointd_archive_wait_seconds: pg_switch_wal() to the segment archived.
  void observe_archive_wait(std::string_view cluster, double seconds);
  // checkpointd_restores_in_progress: +1 / -1.
  void restore_started(std::string_view cluster);
  void restore_finished(std::string_view cluster);
  // checkpointd_last_checkpoint_timestamp_seconds: when the last checkpoint became ready.
  void set_last_checkpoint(std::string_view cluster, double unix_seconds);

  // checkpointd_migration_duration_seconds{kind=sql|command}: migration start to end.
  void observe_migration_duration(std::string_view cluster, std::string_view kind, double seconds);
  // checkpointd_migration_statements_total{class=additive|lock_risky|unknown|destructive}:
  // statements the daemon ran, by class.
  void count_migration_statement(std::string_view cluster, std::string_view statement_class);
  // checkpointd_plan_refusals_total{rule}: plans refused at begin, by the rule that refused
  // (a statement rule such as drop_column, or a refusal reason such as approver_is_owner).
  void count_plan_refusal(std::string_view cluster, std::string_view rule);
  // checkpointd_break_glass_total: contract gates overridden by a person's break-glass.
  void count_break_glass(std::string_view cluster);

  // checkpointd_slo_measurements_total{provider=prometheus|http|sql, phase=<Argo phase>}.
  void count_slo_measurement(std::string_view cluster, std::string_view provider, std::string_view phase);
  // checkpointd_slo_breaches_total: SLO watches whose analysis ended Failed (or Error,
  // Inconclusive), by phase.
  void count_slo_breach(std::string_view cluster, std::string_view phase);
  // checkpointd_rollback_total{rung=flag_off|restore|pause}: rungs of the rollback ladder taken.
  void count_rollback(std::string_view cluster, std::string_view rung);
  // checkpointd_recovery_seconds{rung=flag_off|restore}: from the first failing measurement to
  // the SLOs met again (flag_off) or the restore verified (restore); and
  // checkpointd_last_recovery_seconds.
  void observe_recovery(std::string_view cluster, std::string_view rung, double seconds);
  // checkpointd_flag_changes_total{scope, state=on|off, result=done|failed}.
  void count_flag_change(std::string_view cluster, std::string_view scope, bool on, bool done);

  // The Prometheus text exposition format (version 0.0.4) of every family.
  std::string render() const;

 private:
  struct Families;
  std::unique_ptr<Families> families_;
};

}  // namespace ckpt::obs
