// The SLO watch of a checkpoint as it is recorded, durably, before anything acts on it:
// the analysis run (Argo semantics, core/analysis.hpp) over the plan's metrics while the
// migration runs and during its window, the rollback ladder's rungs with their reasons,
// the flag changes with the health checks taken after each, the data checks, and the
// recovery time. Plain data and pure helpers; service/slo_watch.hpp drives it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis.hpp"
#include "core/plan.hpp"

namespace ckpt {

// Where a watch stands. Active stages have work of their own; the others wait for a
// person (paused, recovered) or are over.
enum class WatchStage {
  measuring,      // the analysis run over the plan's metrics
  flag_off,       // rung 1 decided: the flag goes off in every scope
  rechecking,     // the flag is off: the metrics are measured again
  checking_data,  // the plan's data checks are measured once
  restoring,      // rung 2 decided: the checkpoint fails and is restored
  paused,         // a person decides: checkpointctl promote or fail
  passed,         // the window passed with the SLOs met
  recovered,      // the flag off brought the SLOs back; the schema is kept
  promoted,       // a person treated the watch as passed
};

std::string_view to_string(WatchStage stage);
std::optional<WatchStage> watch_stage_from(std::string_view text);
// measuring, flag_off, rechecking, checking_data and restoring.
bool is_active(WatchStage stage);

// One analysis run: the watch itself, or the re-evaluation after the flag went off.
struct AnalysisRunRecord {
  std::string kind;  // "watch" | "recheck"
  TimePoint started_at;
  // The watch: when its window ends, set once the migration finished. A recheck has none.
  std::optional<TimePoint> ends_at;
  std::vector<MetricHistory> metrics;  // metrics[i] belongs to the run's i-th metric
  AnalysisPhase phase = AnalysisPhase::running;
  std::string message;  // the run's message once it completed (Argo's wording)
  std::optional<TimePoint> finished_at;
};

// One measurement of a metric taken outside a run: a data check, or a health check after
// a flag change.
struct CheckResult {
  std::string name;
  Measurement measurement;
};

struct RungRecord {
  std::string rung;    // to_string(Rung)
  std::string reason;  // why the ladder chose it
  TimePoint decided_at;
  std::optional<TimePoint> done_at;
  std::string error;  // the rung could not be carried out
};

struct FlagChange {
  std::string scope;
  bool on = false;
  std::string by;  // a person, or "checkpointd (rollback ladder)"
  std::string note;
  TimePoint at;
  std::string error;                // empty: the flag was changed
  std::vector<CheckResult> checks;  // the SLO metrics measured once right after the change
};

struct WatchRecord {
  WatchStage stage = WatchStage::measuring;
  std::string stage_reason;  // why the watch is where it is, for people
  AnalysisRunRecord run;
  std::optional<AnalysisRunRecord> recheck;
  std::vector<CheckResult> data_checks;
  std::vector<RungRecord> rungs;
  // The end of the first Failed measurement of the run (the observed failure signal) and
  // when the SLOs were met again: after the flag off, the recheck's deciding measurement;
  // after a restore, the restore's verification.
  std::optional<TimePoint> first_failure_at;
  std::optional<TimePoint> recovered_at;
};

// A measurement history keeps at most this many measurements; older ones are folded
// into counters (core/analysis.hpp fold_oldest).
inline constexpr std::size_t kKeptMeasurements = 60;
// At most this many flag changes are kept on a checkpoint (the oldest are dropped).
inline constexpr std::size_t kKeptFlagChanges = 100;

// A new watch for a plan with an `slo` section, measuring from `now`.
WatchRecord start_watch(const SloSpec& slo, TimePoint now);
// A run over `metric_count` metrics starting at `now`.
AnalysisRunRecord start_run(std::string kind, std::size_t metric_count, TimePoint now);

// The analysis specs of the watch's metrics.
std::vector<MetricSpec> watch_specs(const SloSpec& slo);
// The recheck after the flag went off: each metric (a dry run stays one), measured at
// once and then every interval, `recheck_count` times (once for a metric without an
// interval), recovered after `recovered_after` successes in a row (capped by the count),
// failed when the count is reached without them.
std::vector<MetricSpec> recheck_specs(const SloSpec& slo, const LadderPolicy& ladder);

// The earliest Failed measurement of a metric that is not a dry run: the observed failure
// signal, with the index of its metric and when it ended.
struct FailingMeasurement {
  std::size_t metric = 0;
  Measurement measurement;
  TimePoint at;
};
std::optional<FailingMeasurement> first_failing_measurement(const AnalysisRunRecord& run,
                                                            const std::vector<MetricSpec>& specs);
// The end of that measurement.
std::optional<TimePoint> first_failure(const AnalysisRunRecord& run, const std::vector<MetricSpec>& specs);

// Seconds from the first failure to the recovery, when both are known.
std::optional<double> recovery_seconds(const WatchRecord& watch);

}  // namespace ckpt
