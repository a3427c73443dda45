// checkpointd's Prometheus metrics (every family is described in docs/metrics.md).
// Metrics owns the registry; the daemon's own HTTP server serves render() at /metrics
// with Metrics::kContentType. Every method is thread-safe. Label values are taken as
// given: callers pass the documented values (trigger manual|auto|drill; restore phase
// started|base_copied|recovery_started|promoted|verified|cut_over (local) or
// started|applied|initialized|ready|verified (cnpg); outcome ready|refused|committed|
// failed|aborted|closed|restored|restore_failed; refusal reasons from
// core/begin_validation.hpp) so that the number of series stays bounded.
//
// Built from the configuration (the daemon's way), every counter whose label values are
// a known finite set starts at 0 for every configured cluster, so that increase() and
// rate() see the first event after a start (docs/metrics.md lists them).
// render() always holds HELP and TYPE of every family and checkpointd_build_info, so
// /metrics is never an empty body.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckpt::config {
struct Config;
}

namespace ckpt::obs {

class Metrics {
 public:
  // The Content-Type of render()'s text.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4";

  // A family as /metrics exports it. `type` is counter, gauge or histogram; a
  // histogram's series are <name>_bucket, <name>_sum and <name>_count.
  struct FamilyInfo {
    std::string name;
    std::string type;
    std::string help;
  };

  // No cluster known: series appear with their first observation, the histograms have
  // their default buckets, checkpointd_build_info says version "unknown".
  Metrics();
  // The daemon's metrics: zero-initialised series for every cluster of `config` (and
  // every flag scope of its flag_backends), restore, recovery and drill buckets reaching
  // the longest deadline of any cluster (and an edge at every cluster's rto_budget),
  // checkpointd_rto_budget_seconds of every cluster with an rto_budget, and
  // checkpointd_build_info{version=`version`}.
  Metrics(const config::Config& config, std::string_view version);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // checkpointd_restore_phase_duration_seconds{phase=<phase>}: time since the previous phase.
  void observe_restore_phase(std::string_view cluster, std::string_view trigger, std::string_view phase,
                             double seconds);
  // checkpointd_restore_duration_seconds (trigger to verified; a family of its own, so
  // that a sum over the phases of the phase family counts no restore twice) and
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
  // The rules are not a closed set (drop_<object type>), so these series are not zero-initialised.
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

  // What the periodic cluster probe learned (daemon/app/cluster_probe.hpp).
  // checkpointd_cluster_reachable: 1 when the cluster's database (cnpg: and its Cluster
  // through the Kubernetes API) answered the last probe, else 0.
  void set_cluster_reachable(std::string_view cluster, bool reachable);
  // checkpointd_wal_archiving_healthy: 1 when WAL archiving works (local: archive_mode on,
  // an archive command, pg_stat_archiver's last failure not newer than its last success,
  // archive_directory readable; cnpg: a WAL archive configured and ContinuousArchiving=True),
  // else 0. nullopt (the probe could not tell) removes the series.
  void set_wal_archiving_healthy(std::string_view cluster, std::optional<bool> healthy);
  // checkpointd_wal_last_archived_age_seconds: how long ago, by the database server's
  // clock, the last WAL segment was archived, as of now; the exported value keeps growing
  // with the daemon's monotonic clock until the next call. nullopt (unknown, or nothing
  // archived yet) removes the series.
  void set_wal_last_archived_age(std::string_view cluster, std::optional<double> seconds);
  // checkpointd_rollback_windows_open: checkpoints whose rollback window is open
  // (core/rollback_window.hpp).
  void set_rollback_windows_open(std::string_view cluster, std::size_t count);

  // Restore drills. observe_drill: a drill concluded. Counts
  // checkpointd_drills_total{result="verified"|"failed"}; when verified, observes
  // checkpointd_drill_duration_seconds with `seconds` (its restore, trigger to verified)
  // and sets the last success as set_last_drill_success does. A failed drill leaves the
  // last success's gauges as they were.
  void observe_drill(std::string_view cluster, bool verified, double seconds, double finished_unix_seconds);
  // The last verified drill: checkpointd_last_drill_success_timestamp_seconds and
  // checkpointd_last_drill_duration_seconds (also set at start-up from the recorded drills).
  void set_last_drill_success(std::string_view cluster, double unix_seconds, double seconds);
  // checkpointd_drill_interval_seconds: the longest gap between two scheduled drills of
  // the cluster (CheckpointdDrillOverdue compares the last success with it).
  void set_drill_interval(std::string_view cluster, double seconds);
  // checkpointd_rto_budget_seconds: the cluster's rto_budget (set by the configuration
  // constructor for every cluster whose rto_budget is not 0).
  void set_rto_budget(std::string_view cluster, double seconds);
  // checkpointd_predicted_restore_seconds: the prediction of the checkpoint that just
  // became ready (core/restore_prediction.hpp); no series before the first one.
  void set_predicted_restore(std::string_view cluster, double seconds);

  // The Prometheus text exposition format (version 0.0.4): HELP and TYPE of every family,
  // with or without series, and every series. Never empty.
  std::string render() const;

  // Every family this registry exports, in the order render() writes them.
  std::vector<FamilyInfo> families() const;

  // The buckets of the restore-time histograms (restore, restore phases, recovery, drills):
  // 0.5 s to 1 h, then doubling until one reaches `longest_seconds`, with an extra edge at
  // each of `edges` (whole seconds; the RTO budgets, so that "restores within budget" is a
  // bucket of its own).
  static std::vector<double> restore_buckets(double longest_seconds, const std::vector<double>& edges = {});

 private:
  struct Families;
  std::unique_ptr<Families> families_;
};

}  // namespace ckpt::obs
