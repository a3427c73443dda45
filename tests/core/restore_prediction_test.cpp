// Restore predictions: the defaults before any restore, rates measured from a cluster's
// own verified restores (their phase marks, base size and WAL span), the newest ones
// only, and the budget check.
#include "core/restore_prediction.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

using std::chrono::seconds;

constexpr double kMB = 1000.0 * 1000.0;

// A verified local restore: base of `base_mb` MB copied in `copy` s, `wal_mb` MB replayed
// in `replay` s, `total` s in all, verified at `at` seconds after the epoch.
Checkpoint restored(double base_mb, double copy, double wal_mb, double replay, double total, int at) {
  Checkpoint checkpoint;
  BackupInfo backup;
  backup.size_bytes = static_cast<std::uint64_t>(base_mb * kMB);
  backup.begin_lsn = Lsn{1'000'000};
  checkpoint.backup = backup;
  RecoveryPoint point;
  point.target_lsn = Lsn{1'000'000 + static_cast<std::uint64_t>(wal_mb * kMB)};
  checkpoint.recovery_point = point;
  RestoreRecord restore;
  const TimePoint start{seconds{at}};
  const auto after = [&](double s) {
    return start + std::chrono::duration_cast<TimePoint::duration>(std::chrono::duration<double>(s));
  };
  restore.phases = {{"started", start},
                    {"base_copied", after(copy)},
                    {"recovery_started", after(copy + 0.5)},
                    {"promoted", after(copy + 0.5 + replay)},
                    {"verified", after(total)}};
  restore.duration_seconds = total;
  checkpoint.restore = restore;
  return checkpoint;
}

TEST(RestorePrediction, DefaultsBeforeAnyRestore) {
  const auto rates = measured_restore_rates({});
  EXPECT_EQ(rates.samples, 0);
  EXPECT_DOUBLE_EQ(rates.base_bytes_per_second, 200 * kMB);
  EXPECT_DOUBLE_EQ(rates.replay_bytes_per_second, 120 * kMB);
  EXPECT_DOUBLE_EQ(rates.fixed_seconds, 3.0);
}

TEST(RestorePrediction, AddsBaseCopyReplayAndTheFixedPart) {
  const auto prediction = predict_restore(static_cast<std::uint64_t>(800 * kMB), static_cast<std::uint64_t>(1200 * kMB),
                                          RestoreRates{400 * kMB, 200 * kMB, 2.0, 3});
  EXPECT_DOUBLE_EQ(prediction.seconds, 2.0 + 2.0 + 6.0);
  EXPECT_EQ(prediction.rates.samples, 3);
}

TEST(RestorePrediction, MeasuresRatesFromVerifiedRestores) {
  const std::vector<Checkpoint> history{restored(400, 1.0, 600, 3.0, 6.0, 100)};
  const auto rates = measured_restore_rates(history);
  EXPECT_EQ(rates.samples, 1);
  EXPECT_DOUBLE_EQ(rates.base_bytes_per_second, 400 * kMB);
  EXPECT_DOUBLE_EQ(rates.replay_bytes_per_second, 200 * kMB);
  EXPECT_NEAR(rates.fixed_seconds, 2.0, 1e-6);
}

TEST(RestorePrediction, IgnoresRestoresWithoutWhatTheRatesNeed) {
  auto failed = restored(400, 1.0, 600, 3.0, 6.0, 100);
  failed.restore->phases.pop_back();  // never verified
  auto cnpg = restored(400, 1.0, 600, 3.0, 6.0, 200);
  cnpg.backup->size_bytes = 0;  // no base size
  auto never_restored = restored(400, 1.0, 600, 3.0, 6.0, 300);
  never_restored.restore.reset();
  const std::vector<Checkpoint> history{failed, cnpg, never_restored};
  EXPECT_EQ(measured_restore_rates(history).samples, 0);
}

TEST(RestorePrediction, TakesTheMedianOfTheNewestRestores) {
  std::vector<Checkpoint> history;
  for (int i = 0; i < 12; ++i) history.push_back(restored(100, 1.0, 100, 1.0, 4.0, 1000 + i));
  // Two old, very slow restores fall outside the newest ten.
  history.push_back(restored(100, 100.0, 100, 100.0, 300.0, 10));
  history.push_back(restored(100, 100.0, 100, 100.0, 300.0, 11));
  // One new slow one is outvoted by the median.
  history.push_back(restored(100, 10.0, 100, 10.0, 30.0, 2000));
  const auto rates = measured_restore_rates(history);
  EXPECT_EQ(rates.samples, 10);
  EXPECT_DOUBLE_EQ(rates.base_bytes_per_second, 100 * kMB);
  EXPECT_DOUBLE_EQ(rates.replay_bytes_per_second, 100 * kMB);
}

TEST(RestorePrediction, OfACheckpointNeedsTheBaseSizeAndATargetAfterTheBackup) {
  BackupInfo backup;
  backup.begin_lsn = Lsn{5000};
  EXPECT_FALSE(predict_restore_of(backup, Lsn{9000}, default_restore_rates())) << "size unknown";
  backup.size_bytes = 1000;
  EXPECT_FALSE(predict_restore_of(backup, Lsn{4000}, default_restore_rates())) << "target before the backup";
  const auto prediction = predict_restore_of(backup, Lsn{9000}, default_restore_rates());
  ASSERT_TRUE(prediction);
  EXPECT_EQ(prediction->wal_bytes, 4000U);
  EXPECT_EQ(prediction->base_bytes, 1000U);
}

TEST(RestorePrediction, ABudgetOfZeroIsNone) {
  RestorePrediction prediction;
  prediction.seconds = 61;
  EXPECT_TRUE(within_budget(prediction, Millis{0}));
  EXPECT_FALSE(within_budget(prediction, std::chrono::minutes{1}));
  prediction.seconds = 60;
  EXPECT_TRUE(within_budget(prediction, std::chrono::minutes{1}));
}

TEST(RestorePrediction, DescribesItsPartsAndWhereTheRatesCameFrom) {
  auto prediction = predict_restore(static_cast<std::uint64_t>(800 * kMB), static_cast<std::uint64_t>(1200 * kMB),
                                    RestoreRates{400 * kMB, 200 * kMB, 2.0, 3});
  EXPECT_EQ(describe_prediction(prediction),
            "about 10.0 s: 800 MB base at 400 MB/s + 1200 MB WAL at 200 MB/s + 2.0 s start, promotion and checks "
            "(rates from 3 restores)");
  prediction.rates.samples = 0;
  EXPECT_NE(describe_prediction(prediction).find("(documented default rates)"), std::string::npos);
}

}  // namespace
}  // namespace ckpt
