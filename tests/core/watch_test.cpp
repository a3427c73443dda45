// The watch record's pure helpers (core/watch.hpp) and folding old measurements into
// counters (core/analysis.hpp): a folded history is assessed exactly like the whole one.
#include "core/watch.hpp"

#include <gtest/gtest.h>

#include <random>

namespace ckpt {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kStart = TimePoint{} + std::chrono::hours{24 * 365 * 56};

Measurement measurement(AnalysisPhase phase, TimePoint at) {
  Measurement out;
  out.phase = phase;
  out.started_at = at;
  out.finished_at = at + seconds{1};
  return out;
}

SloMetric slo_metric(std::string name, std::optional<Millis> interval, bool dry_run = false) {
  SloMetric metric;
  metric.analysis.name = std::move(name);
  metric.analysis.interval = interval;
  metric.analysis.success_condition = "result < 0.05";
  metric.analysis.failure_limit = 2;
  metric.analysis.dry_run = dry_run;
  metric.analysis.initial_delay = minutes{5};
  metric.provider = SqlProbe{"select 1"};
  return metric;
}

TEST(RecheckSpecs, MeasureAtOnceAndRecoverAfterConsecutiveSuccesses) {
  SloSpec slo;
  slo.metrics = {slo_metric("error-rate", seconds{30}), slo_metric("health", std::nullopt),
                 slo_metric("latency", seconds{30}, true)};
  LadderPolicy ladder;
  ladder.recheck_count = 6;
  ladder.recovered_after = 2;
  const auto specs = recheck_specs(slo, ladder);
  ASSERT_EQ(specs.size(), 3U);
  EXPECT_EQ(specs[0].initial_delay, Millis{0});
  EXPECT_EQ(specs[0].count, 6);
  EXPECT_EQ(specs[0].failure_limit, -1);
  EXPECT_EQ(specs[0].consecutive_success_limit, 2);
  EXPECT_TRUE(validate_metric(specs[0]).ok());
  // Without an interval: one measurement, which must succeed.
  EXPECT_EQ(specs[1].count, 1);
  EXPECT_EQ(specs[1].consecutive_success_limit, 1);
  EXPECT_TRUE(validate_metric(specs[1]).ok());
  EXPECT_TRUE(specs[2].dry_run);
}

TEST(RecheckSpecs, RecoversOnlyAfterTheSuccessesInARow) {
  SloSpec slo;
  slo.metrics = {slo_metric("error-rate", seconds{30})};
  LadderPolicy ladder;
  ladder.recheck_count = 4;
  ladder.recovered_after = 2;
  const auto specs = recheck_specs(slo, ladder);
  std::vector<Measurement> measurements{measurement(AnalysisPhase::failed, kStart),
                                        measurement(AnalysisPhase::successful, kStart + minutes{1})};
  EXPECT_EQ(assess_metric(specs[0], measurements, false).phase, AnalysisPhase::running);
  measurements.push_back(measurement(AnalysisPhase::successful, kStart + minutes{2}));
  EXPECT_EQ(assess_metric(specs[0], measurements, false).phase, AnalysisPhase::successful);
  // Four measurements without two successes in a row: still failing.
  const std::vector<Measurement> failing{
      measurement(AnalysisPhase::failed, kStart), measurement(AnalysisPhase::successful, kStart + minutes{1}),
      measurement(AnalysisPhase::failed, kStart + minutes{2}), measurement(AnalysisPhase::failed, kStart + minutes{3})};
  EXPECT_EQ(assess_metric(specs[0], failing, false).phase, AnalysisPhase::failed);
}

TEST(FirstFailure, IsTheEarliestFailedMeasurementOfAMetricThatDecides) {
  AnalysisRunRecord run = start_run("watch", 2, kStart);
  run.metrics[0].measurements = {measurement(AnalysisPhase::successful, kStart),
                                 measurement(AnalysisPhase::failed, kStart + minutes{3})};
  run.metrics[1].measurements = {measurement(AnalysisPhase::failed, kStart + minutes{1})};
  SloSpec slo;
  slo.metrics = {slo_metric("a", seconds{30}), slo_metric("b", seconds{30}, true)};
  // b is a dry run: its earlier failure is not the signal.
  EXPECT_EQ(first_failure(run, watch_specs(slo)), kStart + minutes{3} + seconds{1});
  slo.metrics[1].analysis.dry_run = false;
  EXPECT_EQ(first_failure(run, watch_specs(slo)), kStart + minutes{1} + seconds{1});
}

TEST(RecoverySeconds, NeedsBothEnds) {
  WatchRecord watch;
  EXPECT_FALSE(recovery_seconds(watch));
  watch.first_failure_at = kStart;
  EXPECT_FALSE(recovery_seconds(watch));
  watch.recovered_at = kStart + seconds{42};
  EXPECT_DOUBLE_EQ(*recovery_seconds(watch), 42.0);
}

TEST(WatchStages, NamesReadBackAndOnlyWorkingStagesAreActive) {
  for (const auto stage :
       {WatchStage::measuring, WatchStage::flag_off, WatchStage::rechecking, WatchStage::checking_data,
        WatchStage::restoring, WatchStage::paused, WatchStage::passed, WatchStage::recovered, WatchStage::promoted}) {
    EXPECT_EQ(watch_stage_from(to_string(stage)), stage);
  }
  EXPECT_FALSE(watch_stage_from("Measuring"));
  EXPECT_TRUE(is_active(WatchStage::measuring));
  EXPECT_TRUE(is_active(WatchStage::restoring));
  EXPECT_FALSE(is_active(WatchStage::paused));
  EXPECT_FALSE(is_active(WatchStage::recovered));
}

// Property: folding old measurements into counters never changes the assessment.
TEST(FoldOldest, KeepsTheAssessmentOfEveryPrefix) {
  std::mt19937 random(20261206);
  const AnalysisPhase phases[] = {AnalysisPhase::successful, AnalysisPhase::failed, AnalysisPhase::inconclusive,
                                  AnalysisPhase::error};
  MetricSpec spec;
  spec.name = "m";
  spec.interval = minutes{1};
  spec.success_condition = "result < 1";
  spec.failure_limit = 30;
  spec.inconclusive_limit = 30;
  spec.consecutive_error_limit = 6;
  for (int round = 0; round < 200; ++round) {
    std::vector<Measurement> all;
    MetricHistory folded;
    for (int i = 0; i < 80; ++i) {
      const auto phase = phases[random() % (i % 7 == 0 ? 4 : 2)];
      const Measurement taken = measurement(phase, kStart + minutes{i});
      all.push_back(taken);
      folded.measurements.push_back(taken);
      fold_oldest(folded, 5);
      const auto whole = assess_metric(spec, all, false);
      const auto kept = assess_metric(spec, folded.measurements, false, folded.earlier);
      ASSERT_EQ(whole.phase, kept.phase) << "round " << round << " measurement " << i;
      ASSERT_EQ(whole.failed, kept.failed);
      ASSERT_EQ(whole.consecutive_errors, kept.consecutive_errors);
      ASSERT_EQ(next_measurement_at(spec, all, kStart),
                next_measurement_at(spec, folded.measurements, kStart, folded.earlier));
      if (is_completed(whole.phase)) break;
    }
    EXPECT_LE(folded.measurements.size(), 5U);
  }
}

}  // namespace
}  // namespace ckpt
