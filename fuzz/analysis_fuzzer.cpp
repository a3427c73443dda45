// Fuzzes the run evaluation (core/analysis.hpp) and the rollback ladder (core/ladder.hpp)
// with Argo's invariants. The first bytes are a metric's limits, the rest a sequence of
// measurement phases. For every prefix of the sequence:
// - a metric that completed keeps its phase when another measurement follows;
// - folding old measurements into counters (fold_oldest) never changes the assessment
//   or when the next measurement is due;
// - next_measurement_at() has nothing to schedule exactly when the metric completed;
// - a run that completed in anything but Successful always gets a rung from next_rung().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/analysis.hpp"
#include "core/ladder.hpp"

namespace {

using ckpt::AnalysisPhase;

constexpr AnalysisPhase kPhases[] = {AnalysisPhase::successful, AnalysisPhase::failed, AnalysisPhase::inconclusive,
                                     AnalysisPhase::error};
const ckpt::TimePoint kStart = ckpt::TimePoint{} + std::chrono::hours{24 * 365 * 56};

ckpt::MetricSpec metric_from(const std::uint8_t* data) {
  ckpt::MetricSpec spec;
  spec.name = "m";
  spec.interval = std::chrono::seconds{1 + data[0] % 60};
  if (data[1] % 4 != 0) spec.count = data[1] % 16;
  spec.failure_limit = static_cast<int>(data[2] % 6) - 1;
  spec.inconclusive_limit = data[3] % 5;
  spec.consecutive_error_limit = data[4] % 6;
  spec.consecutive_success_limit = data[5] % 5;
  spec.dry_run = (data[6] & 1U) != 0;
  return spec;
}

ckpt::LadderSituation situation_from(std::uint8_t bits, AnalysisPhase outcome) {
  ckpt::LadderSituation situation;
  situation.phase = (bits & 1U) != 0 ? ckpt::MigrationPhase::contract : ckpt::MigrationPhase::expand;
  situation.has_flag = (bits & 2U) != 0;
  situation.flag_turned_off = (bits & 4U) != 0;
  situation.has_data_checks = (bits & 8U) != 0;
  if ((bits & 16U) != 0) situation.data_broken = (bits & 32U) != 0;
  situation.outcome = outcome;
  return situation;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::size_t kHeader = 8;
  if (size < kHeader || size > kHeader + 512) return 0;
  const ckpt::MetricSpec spec = metric_from(data);
  if (!ckpt::validate_metric(spec).ok()) return 0;
  ckpt::LadderPolicy policy;
  policy.restore = static_cast<ckpt::RestoreRule>(data[7] % 3);
  policy.on_error = static_cast<ckpt::ErrorRule>((data[7] / 3) % 3);
  policy.flag_off_first = (data[7] & 0x80U) != 0;

  std::vector<ckpt::Measurement> all;
  ckpt::MetricHistory folded;
  for (std::size_t i = kHeader; i < size; ++i) {
    ckpt::Measurement measurement;
    measurement.phase = kPhases[data[i] % 4];
    measurement.started_at = kStart + std::chrono::seconds{i};
    measurement.finished_at = measurement.started_at + std::chrono::milliseconds{data[i]};
    all.push_back(measurement);
    folded.measurements.push_back(measurement);
    ckpt::fold_oldest(folded, data[i] % 7 + 1);

    const auto whole = ckpt::assess_metric(spec, all, false);
    const auto kept = ckpt::assess_metric(spec, folded.measurements, false, folded.earlier);
    if (whole.phase != kept.phase || whole.counted != kept.counted || whole.errors != kept.errors) std::abort();
    const auto next = ckpt::next_measurement_at(spec, all, kStart);
    if (next != ckpt::next_measurement_at(spec, folded.measurements, kStart, folded.earlier)) std::abort();
    if (ckpt::is_completed(whole.phase) == next.has_value()) std::abort();

    const auto run = ckpt::assess_run({spec}, std::vector<ckpt::MetricHistory>{folded}, (data[i] & 0x80U) != 0);
    if (ckpt::is_completed(run.phase) && run.phase != AnalysisPhase::successful) {
      const auto decision = ckpt::next_rung(policy, situation_from(data[i], run.phase));
      if (decision.rung == ckpt::Rung::none || decision.reason.empty()) std::abort();
    }
    if (ckpt::is_completed(whole.phase)) {
      // Final: a measurement after the deciding one changes nothing.
      all.push_back(measurement);
      if (ckpt::assess_metric(spec, all, false).phase != whole.phase) std::abort();
      break;
    }
  }
  return 0;
}
