// The SLO watch's run evaluation, as Argo Rollouts' analysis controller does it
// (analysis/analysis.go, utils/evaluate): pure functions of the metrics' definitions and
// the measurements taken so far.
//   judge()                 one measured value against the success/failure conditions
//   assess_metric()         a metric's phase from its measurements and limits
//   assess_run()            the run's phase: the worst metric wins, dry-run metrics never decide
//   next_measurement_at()   when a metric is to be measured next (initialDelay, interval,
//                           10 s after an error, none once it is complete)
// Phases, from best to worst as Argo orders them: Successful, Running, Pending,
// Inconclusive, Error, Failed. docs/slo.md explains the limits with a worked timeline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/condition.hpp"
#include "core/duration.hpp"
#include "core/result.hpp"

namespace ckpt {

enum class AnalysisPhase { pending, running, successful, failed, error, inconclusive };

// "Pending", "Running", "Successful", "Failed", "Error", "Inconclusive" (Argo's spelling).
std::string_view to_string(AnalysisPhase phase);
// Exactly one of those spellings; nullopt for anything else.
std::optional<AnalysisPhase> analysis_phase_from(std::string_view text);
// Successful, Failed, Error and Inconclusive are final.
bool is_completed(AnalysisPhase phase);
// Argo's IsWorse: whether `candidate` is worse than `current`.
bool is_worse(AnalysisPhase current, AnalysisPhase candidate);

// After a measurement that errored, the next one comes this long after it (Argo's
// DefaultErrorRetryInterval), whatever the interval.
inline constexpr Millis kErrorRetryInterval{10'000};
inline constexpr int kDefaultConsecutiveErrorLimit = 4;

// One metric of an analysis (Argo's Metric, without its provider).
struct MetricSpec {
  std::string name;
  // Time between the end of one measurement and the start of the next. Omitted: a single
  // measurement (unless `count` asks for more, which validate_metric() refuses).
  std::optional<Millis> interval;
  // How many measurements (errors do not count). Omitted or 0: one without an interval,
  // unbounded with one (the metric then runs until the run is terminated).
  std::optional<int> count;
  Millis initial_delay{0};                                      // before the first measurement, from the run's start
  std::string success_condition;                                // empty: not given
  std::string failure_condition;                                // empty: not given
  int failure_limit = 0;                                        // failed > limit -> Failed; -1 disables
  int inconclusive_limit = 0;                                   // inconclusive > limit -> Inconclusive
  int consecutive_error_limit = kDefaultConsecutiveErrorLimit;  // consecutive errors > limit -> Error
  int consecutive_success_limit = 0;  // consecutive successes >= limit -> Successful; 0 disables
  bool dry_run = false;               // assessed and reported, never decides the run
};

// Argo's ValidateMetric (without the provider), plus: a non-empty name, a positive
// interval, a non-negative initial delay, conditions that parse. Messages name the
// metric: `metric "error-rate": failureLimit must be >= 0, or -1 to be disabled`.
Result<void> validate_metric(const MetricSpec& metric);
// At least one metric, names unique, each one valid.
Result<void> validate_metrics(const std::vector<MetricSpec>& metrics);

// The number of counted measurements after which the metric is complete; nullopt when it
// runs until terminated (Argo's EffectiveCount).
std::optional<int> effective_count(const MetricSpec& metric);

struct Judgment {
  AnalysisPhase phase = AnalysisPhase::error;
  std::string message;  // why, for an Error; empty otherwise
};

// Argo's EvaluateResult: both conditions given -> Successful if the success condition
// holds, Failed if the failure condition holds (failure wins when both hold), else
// Inconclusive; only a success condition -> Successful or Failed; only a failure
// condition -> Failed or Successful; neither -> Successful. A condition that does not
// parse or fails to evaluate -> Error, the message naming which condition and why.
Judgment judge(const MetricSpec& metric, const ResultValue& result);

// One measurement of a metric. `phase` Pending or Running: still in flight.
struct Measurement {
  AnalysisPhase phase = AnalysisPhase::running;
  TimePoint started_at;
  std::optional<TimePoint> finished_at;
  std::string value;    // as recorded, e.g. to_string(ResultValue)
  std::string message;  // the provider's or judge()'s message
};

// Argo's counters of a metric's completed measurements.
struct MetricCounts {
  int counted = 0;  // successful + failed + inconclusive: what `count` compares to
  int successful = 0;
  int failed = 0;
  int inconclusive = 0;
  int errors = 0;
  int consecutive_errors = 0;
  int consecutive_successes = 0;
};

// Adds one completed measurement (Argo's counting); Pending and Running add nothing.
void count_measurement(MetricCounts& counts, AnalysisPhase phase);

struct MetricAssessment : MetricCounts {
  std::string name;
  bool dry_run = false;
  AnalysisPhase phase = AnalysisPhase::pending;
  // Why the phase: "failed (2) > failureLimit (1)", "count (5) reached", "run terminated"...
  std::string message;
  std::string last_message;  // the message of the last measurement considered
};

// A metric's measurements as kept: the latest ones, and the counters of older ones that
// were folded away (a long watch keeps only its latest measurements as evidence). Folded
// measurements never decided the metric: a decided metric takes no more measurements.
struct MetricHistory {
  MetricCounts earlier;
  std::vector<Measurement> measurements;  // oldest first
};

// Folds the oldest completed measurements into `earlier` until at most `keep` remain.
void fold_oldest(MetricHistory& history, std::size_t keep);

// The metric's phase after `measurements` (oldest first). As in Argo, a metric is
// assessed after every measurement and a completed phase is final: measurements after the
// one that completed it are not counted. `terminating`: the run is being stopped, so a
// metric that has not completed ends Successful (no measurement yet, or count not reached
// and no limit broken), except with a measurement still in flight (Running).
MetricAssessment assess_metric(const MetricSpec& metric, const std::vector<Measurement>& measurements, bool terminating,
                               const MetricCounts& earlier = {});

struct RunAssessment {
  AnalysisPhase phase = AnalysisPhase::running;
  // For a run decided by a metric: `Metric "error-rate" assessed Failed due to failed (1) >
  // failureLimit (0)`, then `: "Error Message: ..."` with its last measurement's message.
  std::string message;
  // Requested, or because a metric that is not a dry run completed Failed, Error or
  // Inconclusive: no new measurements are to be taken.
  bool terminating = false;
  std::vector<MetricAssessment> metrics;  // in the order of the specs
};

// The run's phase, Argo's assessRunStatus: while not terminating, Running until every
// metric is complete, then the worst phase of the metrics that are not dry runs
// (Successful if all are dry runs). When terminating, the worst phase of the completed
// ones (Successful if none). `measurements[i]` belongs to `metrics[i]`; a missing entry
// means no measurement yet. `terminate_requested`: the run is being stopped from outside.
RunAssessment assess_run(const std::vector<MetricSpec>& metrics,
                         const std::vector<std::vector<Measurement>>& measurements, bool terminate_requested);
// The same over kept histories (`histories[i]` belongs to `metrics[i]`).
RunAssessment assess_run(const std::vector<MetricSpec>& metrics, const std::vector<MetricHistory>& histories,
                         bool terminate_requested);

// When the metric is to be measured next: run_started + initialDelay before the first,
// then the last measurement's end + interval (+ kErrorRetryInterval after an error).
// nullopt when the metric is complete (count reached or a limit decided it) or a
// measurement is in flight. Ask only while the run is not terminating.
std::optional<TimePoint> next_measurement_at(const MetricSpec& metric, const std::vector<Measurement>& measurements,
                                             TimePoint run_started, const MetricCounts& earlier = {});

}  // namespace ckpt
