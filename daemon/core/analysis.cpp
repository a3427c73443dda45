#include "core/analysis.hpp"

#include <array>
#include <set>
#include <utility>

namespace ckpt {
namespace {

struct PhaseName {
  AnalysisPhase phase;
  std::string_view name;
};

constexpr std::array kPhaseNames{
    PhaseName{AnalysisPhase::pending, "Pending"},       PhaseName{AnalysisPhase::running, "Running"},
    PhaseName{AnalysisPhase::successful, "Successful"}, PhaseName{AnalysisPhase::failed, "Failed"},
    PhaseName{AnalysisPhase::error, "Error"},           PhaseName{AnalysisPhase::inconclusive, "Inconclusive"},
};

// Argo's analysisStatusOrder, best to worst.
constexpr std::array kBestToWorst{AnalysisPhase::successful,   AnalysisPhase::running, AnalysisPhase::pending,
                                  AnalysisPhase::inconclusive, AnalysisPhase::error,   AnalysisPhase::failed};

std::size_t rank(AnalysisPhase phase) {
  for (std::size_t i = 0; i < kBestToWorst.size(); ++i) {
    if (kBestToWorst[i] == phase) return i;
  }
  return 0;
}

std::string count_text(int value) {
  return "(" + std::to_string(value) + ")";
}

struct Decision {
  AnalysisPhase phase;
  std::string message;
};

// Argo's assessMetricFailureInconclusiveOrError: the later checks win.
std::optional<Decision> broken_limit(const MetricSpec& metric, const MetricAssessment& assessment) {
  std::optional<Decision> decision;
  if (metric.failure_limit >= 0 && assessment.failed > metric.failure_limit) {
    decision = Decision{AnalysisPhase::failed, "failed " + count_text(assessment.failed) + " > failureLimit " +
                                                   count_text(metric.failure_limit)};
  }
  if (assessment.inconclusive > metric.inconclusive_limit) {
    decision =
        Decision{AnalysisPhase::inconclusive, "inconclusive " + count_text(assessment.inconclusive) +
                                                  " > inconclusiveLimit " + count_text(metric.inconclusive_limit)};
  }
  if (assessment.consecutive_errors > metric.consecutive_error_limit) {
    decision =
        Decision{AnalysisPhase::error, "consecutiveErrors " + count_text(assessment.consecutive_errors) +
                                           " > consecutiveErrorLimit " + count_text(metric.consecutive_error_limit)};
  }
  return decision;
}

// Argo's assessMetricStatus once the last measurement has completed.
std::optional<Decision> decide(const MetricSpec& metric, const MetricAssessment& assessment, bool terminating) {
  if (auto decision = broken_limit(metric, assessment)) return decision;
  const int success_limit = metric.consecutive_success_limit;
  if (success_limit > 0 && assessment.consecutive_successes >= success_limit) {
    return Decision{AnalysisPhase::successful, "consecutiveSuccessLimit " + count_text(success_limit) + " reached"};
  }
  if (const auto count = effective_count(metric); count && assessment.counted >= *count) {
    const bool failure_applicable = metric.failure_limit >= 0;
    const bool success_applicable = success_limit > 0;
    if (success_applicable) {
      // Count reached before enough consecutive successes: Inconclusive while failureLimit
      // applies (and was not broken), Failed when it is disabled.
      return Decision{
          failure_applicable ? AnalysisPhase::inconclusive : AnalysisPhase::failed,
          "count " + count_text(*count) + " reached without consecutiveSuccessLimit " + count_text(success_limit)};
    }
    return Decision{AnalysisPhase::successful, "count " + count_text(*count) + " reached"};
  }
  if (terminating) return Decision{AnalysisPhase::successful, "Run Terminated"};
  return std::nullopt;
}

Result<void> metric_error(const MetricSpec& metric, const std::string& message) {
  return make_error(ErrorCode::bad_request, "metric \"" + metric.name + "\": " + message);
}

bool is_empty_list(const ResultValue& result) {
  const auto* list = std::get_if<std::vector<double>>(&result.value);
  return list != nullptr && list->empty();
}

// The condition's verdict on `result`, or the Error judgment that says why there is none.
std::optional<Judgment> check(std::string_view kind, const std::string& text, const ResultValue& result,
                              bool& verdict) {
  auto condition = parse_condition(text);
  if (!condition) {
    return Judgment{AnalysisPhase::error,
                    "could not parse " + std::string(kind) + " \"" + text + "\": " + condition.error().message};
  }
  auto outcome = evaluate(*condition, result);
  if (!outcome) {
    std::string message = "could not evaluate " + std::string(kind) + " \"" + text + "\": ";
    if (is_empty_list(result)) {
      message += "metric result is empty: no data returned from the metric provider (" + outcome.error().message + ")";
    } else {
      message += outcome.error().message;
    }
    return Judgment{AnalysisPhase::error, std::move(message)};
  }
  verdict = *outcome;
  return std::nullopt;
}

}  // namespace

void count_measurement(MetricCounts& counts, AnalysisPhase phase) {
  switch (phase) {
    case AnalysisPhase::successful:
      ++counts.successful;
      ++counts.counted;
      counts.consecutive_errors = 0;
      ++counts.consecutive_successes;
      break;
    case AnalysisPhase::failed:
      ++counts.failed;
      ++counts.counted;
      counts.consecutive_errors = 0;
      counts.consecutive_successes = 0;
      break;
    case AnalysisPhase::inconclusive:
      ++counts.inconclusive;
      ++counts.counted;
      counts.consecutive_errors = 0;
      counts.consecutive_successes = 0;
      break;
    case AnalysisPhase::error:
      ++counts.errors;
      ++counts.consecutive_errors;
      counts.consecutive_successes = 0;
      break;
    case AnalysisPhase::pending:
    case AnalysisPhase::running:
      break;
  }
}

void fold_oldest(MetricHistory& history, std::size_t keep) {
  auto& measurements = history.measurements;
  std::size_t fold = 0;
  while (measurements.size() - fold > keep && is_completed(measurements[fold].phase)) {
    count_measurement(history.earlier, measurements[fold].phase);
    ++fold;
  }
  measurements.erase(measurements.begin(), measurements.begin() + static_cast<std::ptrdiff_t>(fold));
}

std::string_view to_string(AnalysisPhase phase) {
  for (const auto& entry : kPhaseNames) {
    if (entry.phase == phase) return entry.name;
  }
  return "Unknown";
}

std::optional<AnalysisPhase> analysis_phase_from(std::string_view text) {
  for (const auto& entry : kPhaseNames) {
    if (entry.name == text) return entry.phase;
  }
  return std::nullopt;
}

bool is_completed(AnalysisPhase phase) {
  return phase == AnalysisPhase::successful || phase == AnalysisPhase::failed || phase == AnalysisPhase::error ||
         phase == AnalysisPhase::inconclusive;
}

bool is_worse(AnalysisPhase current, AnalysisPhase candidate) {
  return rank(candidate) > rank(current);
}

Result<void> validate_metric(const MetricSpec& metric) {
  if (metric.name.empty()) return make_error(ErrorCode::bad_request, "a metric needs a name");
  // Argo's ValidateMetric, in its order and words.
  const int count = metric.count.value_or(0);
  const int success_limit = metric.consecutive_success_limit;
  const int failure_limit = metric.failure_limit;
  if (count < 0) return metric_error(metric, "count must be >= 0");
  if (success_limit < 0) return metric_error(metric, "consecutiveSuccessLimit must be >= 0");
  if (failure_limit < -1) return metric_error(metric, "failureLimit must be >= 0, or -1 to be disabled");
  if (success_limit == 0 && failure_limit == -1) {
    return metric_error(metric, "failureLimit and consecutiveSuccessLimit cannot both be disabled");
  }
  if (metric.inconclusive_limit < 0) return metric_error(metric, "inconclusiveLimit must be >= 0");
  if (metric.consecutive_error_limit < 0) return metric_error(metric, "consecutiveErrorLimit must be >= 0");
  if (count > 0) {
    if (failure_limit >= 0 && count < failure_limit + success_limit) {
      return metric_error(metric,
                          "count (" + std::to_string(count) + ") must be >= failureLimit + consecutiveSuccessLimit (" +
                              std::to_string(failure_limit) + " + " + std::to_string(success_limit) + ") if both >= 0");
    }
    if (failure_limit < 0 && count < success_limit) {
      return metric_error(metric, "count must be >= consecutiveSuccessLimit");
    }
    if (count < metric.inconclusive_limit) return metric_error(metric, "count must be >= inconclusiveLimit");
  }
  if (count > 1 && !metric.interval) return metric_error(metric, "interval must be specified when count > 1");
  // Beyond Argo: durations that make sense, conditions that parse.
  if (metric.interval && metric.interval->count() <= 0) return metric_error(metric, "interval must be positive");
  if (metric.initial_delay.count() < 0) return metric_error(metric, "initialDelay must be >= 0");
  const auto parses = [&metric](std::string_view kind, const std::string& text) -> Result<void> {
    if (text.empty()) return {};
    if (auto condition = parse_condition(text); !condition) {
      return metric_error(metric, std::string(kind) + ": " + condition.error().message);
    }
    return {};
  };
  if (auto parsed = parses("successCondition", metric.success_condition); !parsed) return parsed;
  if (auto parsed = parses("failureCondition", metric.failure_condition); !parsed) return parsed;
  return {};
}

Result<void> validate_metrics(const std::vector<MetricSpec>& metrics) {
  if (metrics.empty()) return make_error(ErrorCode::bad_request, "an analysis needs at least one metric");
  std::set<std::string_view> names;
  for (const auto& metric : metrics) {
    if (auto valid = validate_metric(metric); !valid) return valid;
    if (!names.insert(metric.name).second) {
      return make_error(ErrorCode::bad_request, "metric \"" + metric.name + "\" is defined twice");
    }
  }
  return {};
}

std::optional<int> effective_count(const MetricSpec& metric) {
  if (!metric.count || *metric.count == 0) {
    if (!metric.interval) return 1;
    return std::nullopt;
  }
  return metric.count;
}

Judgment judge(const MetricSpec& metric, const ResultValue& result) {
  const bool has_success = !metric.success_condition.empty();
  const bool has_failure = !metric.failure_condition.empty();
  bool success = false;
  bool failure = false;
  if (has_success) {
    if (auto error = check("successCondition", metric.success_condition, result, success)) return std::move(*error);
  }
  if (has_failure) {
    if (auto error = check("failureCondition", metric.failure_condition, result, failure)) return std::move(*error);
  }
  if (!has_success && !has_failure) return Judgment{AnalysisPhase::successful, {}};
  if (has_success && !has_failure) failure = !success;
  if (!has_success && has_failure) success = !failure;
  if (failure) return Judgment{AnalysisPhase::failed, {}};
  if (!success) return Judgment{AnalysisPhase::inconclusive, {}};
  return Judgment{AnalysisPhase::successful, {}};
}

MetricAssessment assess_metric(const MetricSpec& metric, const std::vector<Measurement>& measurements, bool terminating,
                               const MetricCounts& earlier) {
  MetricAssessment assessment;
  static_cast<MetricCounts&>(assessment) = earlier;
  assessment.name = metric.name;
  assessment.dry_run = metric.dry_run;
  if (measurements.empty() && earlier.counted == 0 && earlier.errors == 0) {
    assessment.phase = terminating ? AnalysisPhase::successful : AnalysisPhase::pending;
    assessment.message = terminating ? "Run Terminated" : "no measurement yet";
    return assessment;
  }
  for (std::size_t i = 0; i < measurements.size(); ++i) {
    const Measurement& measurement = measurements[i];
    const bool last = i + 1 == measurements.size();
    if (!is_completed(measurement.phase)) {
      if (!last) continue;  // only the last one can be in flight; an earlier one does not count
      assessment.phase = AnalysisPhase::running;
      assessment.message = "measurement in flight";
      return assessment;
    }
    count_measurement(assessment, measurement.phase);
    assessment.last_message = measurement.message;
    // Argo assesses after every measurement; it was not terminating while it still measured.
    if (auto decision = decide(metric, assessment, terminating && last)) {
      assessment.phase = decision->phase;
      assessment.message = std::move(decision->message);
      return assessment;
    }
  }
  assessment.phase = AnalysisPhase::running;
  assessment.message = "waiting for the next measurement";
  return assessment;
}

RunAssessment assess_run(const std::vector<MetricSpec>& metrics,
                         const std::vector<std::vector<Measurement>>& measurements, bool terminate_requested) {
  std::vector<MetricHistory> histories;
  histories.reserve(measurements.size());
  for (const auto& list : measurements) histories.push_back(MetricHistory{{}, list});
  return assess_run(metrics, histories, terminate_requested);
}

RunAssessment assess_run(const std::vector<MetricSpec>& metrics, const std::vector<MetricHistory>& histories,
                         bool terminate_requested) {
  static const MetricHistory kNone;
  const auto assess_all = [&](bool terminating) {
    std::vector<MetricAssessment> assessments;
    assessments.reserve(metrics.size());
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const MetricHistory& history = i < histories.size() ? histories[i] : kNone;
      assessments.push_back(assess_metric(metrics[i], history.measurements, terminating, history.earlier));
    }
    return assessments;
  };
  RunAssessment run;
  run.terminating = terminate_requested;
  run.metrics = assess_all(terminate_requested);
  if (!run.terminating) {
    // Argo's IsTerminating: a metric that is not a dry run and ended badly stops the run.
    for (const auto& metric : run.metrics) {
      if (!metric.dry_run && is_completed(metric.phase) && metric.phase != AnalysisPhase::successful) {
        run.terminating = true;
      }
    }
    if (run.terminating) run.metrics = assess_all(true);
  }

  std::optional<AnalysisPhase> worst;
  bool everything_completed = true;
  if (terminate_requested) run.message = "Run Terminated";
  for (const auto& metric : run.metrics) {
    if (!is_completed(metric.phase)) {
      everything_completed = false;
      continue;
    }
    if (metric.dry_run) {
      if (!worst) worst = AnalysisPhase::successful;
      continue;
    }
    if (!worst || is_worse(*worst, metric.phase)) {
      worst = metric.phase;
      if (metric.phase != AnalysisPhase::successful) {
        run.message = "Metric \"" + metric.name + "\" assessed " + std::string(to_string(metric.phase)) + " due to " +
                      metric.message;
        if (!metric.last_message.empty()) run.message += ": \"Error Message: " + metric.last_message + "\"";
      }
    }
  }
  if (run.terminating) {
    run.phase = worst.value_or(AnalysisPhase::successful);
  } else if (!everything_completed || !worst) {
    run.phase = AnalysisPhase::running;
    run.message.clear();
  } else {
    run.phase = *worst;
  }
  return run;
}

std::optional<TimePoint> next_measurement_at(const MetricSpec& metric, const std::vector<Measurement>& measurements,
                                             TimePoint run_started, const MetricCounts& earlier) {
  if (measurements.empty()) return run_started + metric.initial_delay;
  const MetricAssessment assessment = assess_metric(metric, measurements, false, earlier);
  if (is_completed(assessment.phase)) return std::nullopt;
  const Measurement& last = measurements.back();
  if (!is_completed(last.phase)) return std::nullopt;
  const TimePoint finished = last.finished_at.value_or(last.started_at);
  if (last.phase == AnalysisPhase::error) return finished + kErrorRetryInterval;
  if (metric.interval) return finished + *metric.interval;
  return std::nullopt;  // not reached: without an interval the count is 1, reached by any non-error
}

}  // namespace ckpt
