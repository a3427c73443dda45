// CheckpointStore: the daemon's durable state — every checkpoint and its timeline of
// events, held in memory and backed by the journal at <state_dir>/journal.
//
// Guarantees:
// - Every mutation is journaled durably (one append, one fdatasync) BEFORE memory
//   changes and before it returns; if journaling fails nothing changes.
// - State changes only through apply(), which checks the state machine under the one
//   lock, so two racing requests cannot both, say, start a restore.
// - Each mutation records an event; event seq is per checkpoint, 1-based, ascending.
//   Event times and updated_at come from the injected clock, at the microsecond
//   precision the journal keeps: what a reopened store reads back equals what was
//   returned before.
// - open() replays the journal (a torn final write is dropped; corruption is an error)
//   and compacts it when superseded snapshots dominate it (see kCompactionRatio).
// - Thread-safe; all methods may block on disk IO (call from a blocking pool).
#pragma once

#include <filesystem>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "core/state_machine.hpp"
#include "journal/journal.hpp"

namespace ckpt {

class CheckpointStore {
 public:
  using Clock = std::function<TimePoint()>;
  using Mutation = std::function<void(Checkpoint&)>;

  // Event type of state changes (and of creation).
  static constexpr const char* kStateEvent = "state";

  // Creates `state_dir` when missing, opens and replays its journal.
  static Result<std::unique_ptr<CheckpointStore>> open(const std::filesystem::path& state_dir, Clock clock);

  // Stores a new checkpoint (its state as given), stamping created_at and updated_at
  // from the clock, with a "state" event carrying `event_message`. Conflict if the id
  // exists.
  Result<Checkpoint> create(Checkpoint checkpoint, std::string event_message);

  // Moves checkpoint `id` to next_state(current, action) (its conflict error passes
  // through and nothing changes), after applying `mutate` (may be empty) to a copy.
  // Records a "state" event "<from> -> <to>: <event_message>". Returns the new snapshot.
  Result<Checkpoint> apply(const std::string& id, Action action, Mutation mutate, std::string event_message);

  // Changes fields without a state change (id and state are kept whatever `mutate`
  // does), recording an event of `event_type`.
  Result<Checkpoint> update(const std::string& id, Mutation mutate, std::string event_type,
                            std::string event_message);

  Result<void> add_event(const std::string& id, std::string type, std::string message);

  std::optional<Checkpoint> get(const std::string& id) const;
  // Newest first by created_at (equal times in id order); filters are ANDed.
  std::vector<Checkpoint> list(std::optional<std::string> cluster, std::optional<CheckpointState> state) const;
  std::vector<Event> events(const std::string& id) const;  // seq ascending; empty if unknown
  // The newest checkpoint of `cluster` created with idempotency key `key` (non-empty).
  std::optional<Checkpoint> find_by_idempotency_key(const std::string& cluster, const std::string& key) const;

  // Every mutation journals a full snapshot plus an event, so the waste is superseded
  // snapshots. open() compacts (to the latest snapshots + all events) when there are
  // more than kCompactionMinSuperseded of them and more than kCompactionRatio per
  // checkpoint.
  static constexpr std::size_t kCompactionMinSuperseded = 1000;
  static constexpr std::size_t kCompactionRatio = 4;

 private:
  CheckpointStore(Journal journal, Clock clock);

  Result<void> replay(const std::vector<std::string>& records);
  std::size_t live_record_count() const;
  bool worth_compacting(std::size_t journal_records) const;
  Result<void> compact();
  Result<Checkpoint> persist(Checkpoint next, TimePoint now, std::string event_type, std::string event_message);
  std::uint64_t next_event_seq(const std::string& id) const;
  Error not_found(const std::string& id) const;

  mutable std::mutex mutex_;
  Journal journal_;
  Clock clock_;
  std::map<std::string, Checkpoint> checkpoints_;
  std::map<std::string, std::vector<Event>> events_;
};

}  // namespace ckpt
