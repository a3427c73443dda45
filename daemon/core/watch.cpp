#include "core/watch.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ckpt {
namespace {

struct StageName {
  WatchStage stage;
  std::string_view name;
};

constexpr std::array kStageNames{
    StageName{WatchStage::measuring, "measuring"},   StageName{WatchStage::flag_off, "flag_off"},
    StageName{WatchStage::rechecking, "rechecking"}, StageName{WatchStage::checking_data, "checking_data"},
    StageName{WatchStage::restoring, "restoring"},   StageName{WatchStage::paused, "paused"},
    StageName{WatchStage::passed, "passed"},         StageName{WatchStage::recovered, "recovered"},
    StageName{WatchStage::promoted, "promoted"},
};

}  // namespace

std::string_view to_string(WatchStage stage) {
  for (const auto& entry : kStageNames) {
    if (entry.stage == stage) return entry.name;
  }
  return "unknown";
}

std::optional<WatchStage> watch_stage_from(std::string_view text) {
  for (const auto& entry : kStageNames) {
    if (entry.name == text) return entry.stage;
  }
  return std::nullopt;
}

bool is_active(WatchStage stage) {
  return stage == WatchStage::measuring || stage == WatchStage::flag_off || stage == WatchStage::rechecking ||
         stage == WatchStage::checking_data || stage == WatchStage::restoring;
}

AnalysisRunRecord start_run(std::string kind, std::size_t metric_count, TimePoint now) {
  AnalysisRunRecord run;
  run.kind = std::move(kind);
  run.started_at = now;
  run.metrics.resize(metric_count);
  return run;
}

WatchRecord start_watch(const SloSpec& slo, TimePoint now) {
  WatchRecord watch;
  watch.stage_reason = "measuring the SLOs while the migration runs";
  watch.run = start_run("watch", slo.metrics.size(), now);
  return watch;
}

std::vector<MetricSpec> watch_specs(const SloSpec& slo) {
  std::vector<MetricSpec> specs;
  specs.reserve(slo.metrics.size());
  for (const auto& metric : slo.metrics) specs.push_back(metric.analysis);
  return specs;
}

std::vector<MetricSpec> recheck_specs(const SloSpec& slo, const LadderPolicy& ladder) {
  std::vector<MetricSpec> specs;
  for (const auto& metric : slo.metrics) {
    MetricSpec spec = metric.analysis;
    spec.initial_delay = Millis{0};
    spec.count = spec.interval ? std::max(1, ladder.recheck_count) : 1;
    spec.failure_limit = -1;
    spec.consecutive_success_limit = std::clamp(ladder.recovered_after, 1, *spec.count);
    spec.inconclusive_limit = *spec.count;
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::optional<FailingMeasurement> first_failing_measurement(const AnalysisRunRecord& run,
                                                            const std::vector<MetricSpec>& specs) {
  std::optional<FailingMeasurement> first;
  for (std::size_t i = 0; i < specs.size() && i < run.metrics.size(); ++i) {
    if (specs[i].dry_run) continue;
    for (const auto& measurement : run.metrics[i].measurements) {
      if (measurement.phase != AnalysisPhase::failed) continue;
      const TimePoint at = measurement.finished_at.value_or(measurement.started_at);
      if (!first || at < first->at) first = FailingMeasurement{i, measurement, at};
      break;
    }
  }
  return first;
}

std::optional<TimePoint> first_failure(const AnalysisRunRecord& run, const std::vector<MetricSpec>& specs) {
  const auto failing = first_failing_measurement(run, specs);
  if (!failing) return std::nullopt;
  return failing->at;
}

std::optional<double> recovery_seconds(const WatchRecord& watch) {
  if (!watch.first_failure_at || !watch.recovered_at) return std::nullopt;
  return std::chrono::duration<double>(*watch.recovered_at - *watch.first_failure_at).count();
}

}  // namespace ckpt
