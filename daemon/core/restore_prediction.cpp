#include "core/restore_prediction.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

namespace ckpt {
namespace {

constexpr double kMegabyte = 1000.0 * 1000.0;

std::optional<TimePoint> mark_of(const RestoreRecord& restore, std::string_view phase) {
  for (const auto& mark : restore.phases) {
    if (mark.phase == phase) return mark.at;
  }
  return std::nullopt;
}

double seconds_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

// One verified restore's rates, or nullopt when it does not have what they need.
std::optional<RestoreRates> rates_of(const Checkpoint& checkpoint) {
  if (!checkpoint.backup || !checkpoint.recovery_point || !checkpoint.restore) return std::nullopt;
  const auto& restore = *checkpoint.restore;
  const auto& backup = *checkpoint.backup;
  if (backup.size_bytes == 0 || !restore.duration_seconds) return std::nullopt;
  const auto started = mark_of(restore, "started");
  const auto copied = mark_of(restore, "base_copied");
  const auto recovering = mark_of(restore, "recovery_started");
  const auto promoted = mark_of(restore, "promoted");
  if (!started || !copied || !recovering || !promoted || !mark_of(restore, "verified")) return std::nullopt;
  const double copy_seconds = seconds_between(*started, *copied);
  const double replay_seconds = seconds_between(*recovering, *promoted);
  const auto target = checkpoint.recovery_point->target_lsn;
  if (copy_seconds <= 0 || replay_seconds <= 0 || target < backup.begin_lsn) return std::nullopt;
  RestoreRates rates;
  rates.base_bytes_per_second = static_cast<double>(backup.size_bytes) / copy_seconds;
  rates.replay_bytes_per_second = static_cast<double>(target.value - backup.begin_lsn.value) / replay_seconds;
  rates.fixed_seconds = std::max(0.0, *restore.duration_seconds - copy_seconds - replay_seconds);
  return rates;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

RestoreRates default_restore_rates() {
  return RestoreRates{200 * kMegabyte, 120 * kMegabyte, 3.0, 0};
}

RestoreRates measured_restore_rates(std::span<const Checkpoint> history) {
  std::vector<const Checkpoint*> verified;
  for (const auto& checkpoint : history) {
    if (rates_of(checkpoint)) verified.push_back(&checkpoint);
  }
  if (verified.empty()) return default_restore_rates();
  const auto verified_at = [](const Checkpoint* checkpoint) {
    return mark_of(*checkpoint->restore, "verified").value_or(TimePoint{});
  };
  std::sort(verified.begin(), verified.end(),
            [&](const Checkpoint* a, const Checkpoint* b) { return verified_at(a) > verified_at(b); });
  if (verified.size() > kRateSamples) verified.resize(kRateSamples);
  std::vector<double> base, replay, fixed;
  for (const auto* checkpoint : verified) {
    const auto rates = *rates_of(*checkpoint);
    base.push_back(rates.base_bytes_per_second);
    replay.push_back(rates.replay_bytes_per_second);
    fixed.push_back(rates.fixed_seconds);
  }
  return RestoreRates{median(base), median(replay), median(fixed), static_cast<int>(verified.size())};
}

RestorePrediction predict_restore(std::uint64_t base_bytes, std::uint64_t wal_bytes, const RestoreRates& rates) {
  RestorePrediction prediction;
  prediction.base_bytes = base_bytes;
  prediction.wal_bytes = wal_bytes;
  prediction.rates = rates;
  prediction.seconds = rates.fixed_seconds;
  if (rates.base_bytes_per_second > 0)
    prediction.seconds += static_cast<double>(base_bytes) / rates.base_bytes_per_second;
  if (rates.replay_bytes_per_second > 0) {
    prediction.seconds += static_cast<double>(wal_bytes) / rates.replay_bytes_per_second;
  }
  return prediction;
}

std::optional<RestorePrediction> predict_restore_of(const BackupInfo& backup, Lsn target, const RestoreRates& rates) {
  if (backup.size_bytes == 0 || target < backup.begin_lsn) return std::nullopt;
  return predict_restore(backup.size_bytes, target.value - backup.begin_lsn.value, rates);
}

std::string describe_prediction(const RestorePrediction& prediction) {
  const auto& rates = prediction.rates;
  char text[320];
  std::snprintf(
      text, sizeof text,
      "about %.1f s: %.0f MB base at %.0f MB/s + %.0f MB WAL at %.0f MB/s + %.1f s start, promotion and checks",
      prediction.seconds, static_cast<double>(prediction.base_bytes) / kMegabyte,
      rates.base_bytes_per_second / kMegabyte, static_cast<double>(prediction.wal_bytes) / kMegabyte,
      rates.replay_bytes_per_second / kMegabyte, rates.fixed_seconds);
  std::string out = text;
  if (rates.samples == 0) return out + " (documented default rates)";
  return out + " (rates from " + std::to_string(rates.samples) + (rates.samples == 1 ? " restore)" : " restores)");
}

bool within_budget(const RestorePrediction& prediction, Millis budget) {
  return budget.count() <= 0 || prediction.seconds <= std::chrono::duration<double>(budget).count();
}

}  // namespace ckpt
