#include "state/checkpoint_store.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

#include "journal/posix_file.hpp"
#include "state/store_records.hpp"

namespace ckpt {
namespace {

Result<void> ensure_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::create_directories(dir, ec)) {
    if (ec) {
      return make_error(ErrorCode::internal,
                        "cannot create state directory '" + dir.string() + "': " + ec.message());
    }
    return {};
  }
  const auto parent = dir.has_parent_path() ? dir.parent_path() : std::filesystem::path{"."};
  return posix::sync_directory(parent);
}

}  // namespace

CheckpointStore::CheckpointStore(Journal journal, Clock clock)
    : journal_(std::move(journal)), clock_(std::move(clock)) {}

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::open(const std::filesystem::path& state_dir,
                                                               Clock clock) {
  if (auto created = ensure_directory(state_dir); !created) return std::move(created).error();
  Journal::Recovered recovered;
  auto journal = Journal::open(state_dir / "journal", recovered);
  if (!journal) return std::move(journal).error();
  std::unique_ptr<CheckpointStore> store{new CheckpointStore(std::move(*journal), std::move(clock))};
  if (auto replayed = store->replay(recovered.records); !replayed) return std::move(replayed).error();
  if (store->worth_compacting(recovered.records.size())) {
    if (auto compacted = store->compact(); !compacted) return std::move(compacted).error();
  }
  return store;
}

Result<void> CheckpointStore::replay(const std::vector<std::string>& records) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto fail = [&](const std::string& problem) {
      return make_error(ErrorCode::internal, "journal '" + journal_.path().string() + "' record " +
                                                 std::to_string(i + 1) + ": " + problem +
                                                 "; refusing to start with state that does not add up");
    };
    auto record = decode_store_record(records[i]);
    if (!record) return fail(record.error().message);
    if (auto* checkpoint = std::get_if<Checkpoint>(&*record)) {
      const std::string id = checkpoint->id;
      checkpoints_.insert_or_assign(id, std::move(*checkpoint));
      continue;
    }
    auto& event = std::get<Event>(*record);
    if (!checkpoints_.contains(event.checkpoint_id)) {
      return fail("event for unknown checkpoint '" + event.checkpoint_id + "'");
    }
    auto& timeline = events_[event.checkpoint_id];
    if (event.seq != timeline.size() + 1) {
      return fail("event seq " + std::to_string(event.seq) + " of checkpoint '" + event.checkpoint_id +
                  "' does not follow seq " + std::to_string(timeline.size()));
    }
    timeline.push_back(std::move(event));
  }
  return {};
}

std::size_t CheckpointStore::live_record_count() const {
  std::size_t count = checkpoints_.size();
  for (const auto& [id, timeline] : events_) count += timeline.size();
  return count;
}

bool CheckpointStore::worth_compacting(std::size_t journal_records) const {
  const std::size_t superseded = journal_records - live_record_count();
  return superseded > kCompactionMinSuperseded && superseded > kCompactionRatio * checkpoints_.size();
}

Result<void> CheckpointStore::compact() {
  std::vector<std::string> records;
  records.reserve(live_record_count());
  for (const auto& [id, checkpoint] : checkpoints_) {
    auto snapshot = encode_checkpoint_record(checkpoint);
    if (!snapshot) return std::move(snapshot).error();
    records.push_back(std::move(snapshot->text));
    const auto timeline = events_.find(id);
    if (timeline == events_.end()) continue;
    for (const auto& event : timeline->second) {
      auto line = encode_event_record(event);
      if (!line) return std::move(line).error();
      records.push_back(std::move(line->text));
    }
  }
  return journal_.rewrite(records);
}

Error CheckpointStore::not_found(const std::string& id) const {
  return make_error(ErrorCode::not_found, "checkpoint '" + id + "' not found");
}

std::uint64_t CheckpointStore::next_event_seq(const std::string& id) const {
  const auto timeline = events_.find(id);
  return timeline == events_.end() ? 1 : timeline->second.size() + 1;
}

Result<Checkpoint> CheckpointStore::persist(Checkpoint next, TimePoint now, std::string event_type,
                                            std::string event_message) {
  next.updated_at = now;
  auto snapshot = encode_checkpoint_record(next);
  if (!snapshot) return std::move(snapshot).error();
  auto event = encode_event_record(Event{next.id, next_event_seq(next.id), now, std::move(event_type), std::move(event_message)});
  if (!event) return std::move(event).error();
  const std::array records{snapshot->text, event->text};
  if (auto written = journal_.append_all(records); !written) return std::move(written).error();
  checkpoints_.insert_or_assign(next.id, snapshot->stored);
  events_[next.id].push_back(std::move(event->stored));
  return std::move(snapshot->stored);
}

Result<Checkpoint> CheckpointStore::create(Checkpoint checkpoint, std::string event_message) {
  const std::lock_guard lock{mutex_};
  if (checkpoint.id.empty()) return make_error(ErrorCode::internal, "cannot create a checkpoint without an id");
  if (checkpoints_.contains(checkpoint.id)) {
    return make_error(ErrorCode::conflict, "checkpoint '" + checkpoint.id + "' already exists");
  }
  const TimePoint now = clock_();
  checkpoint.created_at = now;
  return persist(std::move(checkpoint), now, kStateEvent, std::move(event_message));
}

Result<Checkpoint> CheckpointStore::apply(const std::string& id, Action action, Mutation mutate,
                                          std::string event_message) {
  const std::lock_guard lock{mutex_};
  const auto found = checkpoints_.find(id);
  if (found == checkpoints_.end()) return not_found(id);
  const CheckpointState from = found->second.state;
  auto to = next_state(from, action);
  if (!to) return std::move(to).error();
  Checkpoint next = found->second;
  if (mutate) mutate(next);
  next.id = id;
  next.state = *to;
  std::string message = std::string{to_string(from)} + " -> " + std::string{to_string(*to)} + ": " + event_message;
  return persist(std::move(next), clock_(), kStateEvent, std::move(message));
}

Result<Checkpoint> CheckpointStore::update(const std::string& id, Mutation mutate, std::string event_type,
                                           std::string event_message) {
  const std::lock_guard lock{mutex_};
  const auto found = checkpoints_.find(id);
  if (found == checkpoints_.end()) return not_found(id);
  Checkpoint next = found->second;
  if (mutate) mutate(next);
  next.id = id;
  next.state = found->second.state;
  return persist(std::move(next), clock_(), std::move(event_type), std::move(event_message));
}

Result<void> CheckpointStore::add_event(const std::string& id, std::string type, std::string message) {
  const std::lock_guard lock{mutex_};
  if (!checkpoints_.contains(id)) return not_found(id);
  auto event = encode_event_record(Event{id, next_event_seq(id), clock_(), std::move(type), std::move(message)});
  if (!event) return std::move(event).error();
  if (auto written = journal_.append(event->text); !written) return std::move(written).error();
  events_[id].push_back(std::move(event->stored));
  return {};
}

std::optional<Checkpoint> CheckpointStore::get(const std::string& id) const {
  const std::lock_guard lock{mutex_};
  const auto found = checkpoints_.find(id);
  if (found == checkpoints_.end()) return std::nullopt;
  return found->second;
}

std::vector<Checkpoint> CheckpointStore::list(std::optional<std::string> cluster,
                                              std::optional<CheckpointState> state) const {
  std::vector<Checkpoint> matching;
  {
    const std::lock_guard lock{mutex_};
    for (const auto& [id, checkpoint] : checkpoints_) {
      if (cluster && checkpoint.request.cluster != *cluster) continue;
      if (state && checkpoint.state != *state) continue;
      matching.push_back(checkpoint);
    }
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Checkpoint& a, const Checkpoint& b) {
    return a.created_at > b.created_at;
  });
  return matching;
}

std::vector<Event> CheckpointStore::events(const std::string& id) const {
  const std::lock_guard lock{mutex_};
  const auto found = events_.find(id);
  return found == events_.end() ? std::vector<Event>{} : found->second;
}

std::optional<Checkpoint> CheckpointStore::find_by_idempotency_key(const std::string& cluster,
                                                                   const std::string& key) const {
  if (key.empty()) return std::nullopt;
  const std::lock_guard lock{mutex_};
  const Checkpoint* newest = nullptr;
  for (const auto& [id, checkpoint] : checkpoints_) {
    if (checkpoint.request.cluster != cluster || checkpoint.request.idempotency_key != key) continue;
    if (newest == nullptr || checkpoint.created_at > newest->created_at) newest = &checkpoint;
  }
  if (newest == nullptr) return std::nullopt;
  return *newest;
}

}  // namespace ckpt
