// How long a restore of a checkpoint will take, predicted before anyone needs it
// (docs/performance.md "Predicted restore time"). A restore copies the base backup, then
// replays the WAL from the backup's start to the recovery target, plus a part that does
// not grow with size (start, promotion, checks):
//   seconds = base_bytes / base_rate + wal_bytes / replay_rate + fixed_seconds
// The rates are measured per cluster from its own verified restores and drills (their
// phase marks, base size and WAL span); before the first one the documented defaults
// apply. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/checkpoint.hpp"

namespace ckpt {

// Conservative figures for a 2-core machine with local disks (docs/performance.md):
// base copy 200 MB/s, WAL replay from the archive 120 MB/s, 3 s start + promotion + checks.
RestoreRates default_restore_rates();

// The rates from `history` (any checkpoints; only verified restores with a recorded base
// size and the phase marks started, base_copied, recovery_started, promoted and verified
// count: the local engine's): the median of each rate over the
// newest `kRateSamples` such restores. The defaults where none counts; samples says how
// many did.
inline constexpr std::size_t kRateSamples = 10;
RestoreRates measured_restore_rates(std::span<const Checkpoint> history);

RestorePrediction predict_restore(std::uint64_t base_bytes, std::uint64_t wal_bytes, const RestoreRates& rates);

// The prediction for a checkpoint restoring from `backup` to `target`: nullopt when the
// backup's size is unknown (cnpg) or the target precedes the backup's start.
std::optional<RestorePrediction> predict_restore_of(const BackupInfo& backup, Lsn target, const RestoreRates& rates);

// Whether `prediction` fits `budget` (a budget of 0 is none: everything fits).
bool within_budget(const RestorePrediction& prediction, Millis budget);

// "about 17.5 s: 825 MB base at 200 MB/s + 1240 MB WAL at 120 MB/s + 3.0 s start,
// promotion and checks (documented default rates)" — or "(rates from 3 restores)".
std::string describe_prediction(const RestorePrediction& prediction);

}  // namespace ckpt
