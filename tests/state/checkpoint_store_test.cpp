#include "state/checkpoint_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "codec/model_equality.hpp"
#include "codec/model_samples.hpp"
#include "journal/scratch_dir.hpp"
#include "state/store_records.hpp"

namespace ckpt {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CheckpointStoreTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  fs::path state_dir = dir / "state";
  TimePoint now = testing::at("2026-11-21T08:00:00.000001Z");

  std::unique_ptr<CheckpointStore> open_store() {
    auto store = CheckpointStore::open(state_dir, [this] { return now; });
    if (!store) throw std::runtime_error(store.error().message);
    return std::move(store).value();
  }

  // A new checkpoint in backing_up, created at the current clock.
  Checkpoint create(CheckpointStore& store, const std::string& id, const std::string& cluster = "orders") {
    Checkpoint checkpoint = testing::minimal_checkpoint(id);
    checkpoint.request.cluster = cluster;
    auto created = store.create(checkpoint, "created in state backing_up");
    if (!created) throw std::runtime_error(created.error().message);
    return *created;
  }

  Checkpoint make_ready(CheckpointStore& store, const std::string& id) {
    auto ready = store.apply(id, Action::become_ready, {}, "backup done");
    if (!ready) throw std::runtime_error(ready.error().message);
    return *ready;
  }

  std::vector<std::string> event_messages(const CheckpointStore& store, const std::string& id) {
    std::vector<std::string> messages;
    for (const auto& event : store.events(id)) messages.push_back(event.type + ": " + event.message);
    return messages;
  }
};

TEST_F(CheckpointStoreTest, CreateStampsTimesAndRecordsAStateEvent) {
  auto store = open_store();
  const Checkpoint created = create(*store, "c1");
  EXPECT_EQ(created.created_at, now);
  EXPECT_EQ(created.updated_at, now);
  EXPECT_EQ(created.state, CheckpointState::backing_up);
  EXPECT_EQ(store->get("c1"), created);
  const auto events = store->events("c1");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0], (Event{"c1", 1, now, "state", "created in state backing_up"}));
  EXPECT_TRUE(fs::exists(state_dir / "journal"));
}

TEST_F(CheckpointStoreTest, CreatingAnExistingIdIsAConflict) {
  auto store = open_store();
  create(*store, "c1");
  const auto again = store->create(testing::minimal_checkpoint("c1"), "again");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message, "checkpoint 'c1' already exists");
  EXPECT_EQ(store->events("c1").size(), 1U);
}

TEST_F(CheckpointStoreTest, ApplyMovesTheStateAppliesTheMutationAndRecordsFromTo) {
  auto store = open_store();
  create(*store, "c1");
  now += seconds{5};
  const auto ready = store->apply(
      "c1", Action::become_ready, [](Checkpoint& c) { c.schema_fingerprint = "sha256:abc"; }, "recovery point archived");
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_EQ(ready->state, CheckpointState::ready);
  EXPECT_EQ(ready->schema_fingerprint, "sha256:abc");
  EXPECT_EQ(ready->updated_at, now);
  EXPECT_EQ(store->get("c1"), *ready);
  EXPECT_THAT(event_messages(*store, "c1"),
              ElementsAre("state: created in state backing_up", "state: backing_up -> ready: recovery point archived"));
  EXPECT_EQ(store->events("c1")[1].seq, 2U);
  EXPECT_EQ(store->events("c1")[1].at, now);
}

TEST_F(CheckpointStoreTest, MutationCannotChangeTheStateOrId) {
  auto store = open_store();
  create(*store, "c1");
  const auto ready = store->apply(
      "c1", Action::become_ready,
      [](Checkpoint& c) {
        c.id = "other";
        c.state = CheckpointState::closed;
      },
      "done");
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->id, "c1");
  EXPECT_EQ(ready->state, CheckpointState::ready);
  const auto updated = store->update("c1", [](Checkpoint& c) { c.state = CheckpointState::restoring; }, "note", "x");
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->state, CheckpointState::ready);
  EXPECT_FALSE(store->get("other").has_value());
}

TEST_F(CheckpointStoreTest, IllegalActionIsAConflictAndChangesNothing) {
  auto store = open_store();
  const Checkpoint created = create(*store, "c1");
  const auto journal_size = fs::file_size(state_dir / "journal");
  bool mutated = false;
  now += seconds{1};
  const auto committed = store->apply("c1", Action::commit, [&](Checkpoint&) { mutated = true; }, "commit");
  ASSERT_FALSE(committed.ok());
  EXPECT_EQ(committed.error().code, ErrorCode::conflict);
  EXPECT_EQ(committed.error().message, next_state(CheckpointState::backing_up, Action::commit).error().message);
  EXPECT_FALSE(mutated);
  EXPECT_EQ(store->get("c1"), created);
  EXPECT_EQ(store->events("c1").size(), 1U);
  EXPECT_EQ(fs::file_size(state_dir / "journal"), journal_size);
}

TEST_F(CheckpointStoreTest, UnknownIdIsNotFoundEverywhere) {
  auto store = open_store();
  const auto applied = store->apply("nope", Action::commit, {}, "x");
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::not_found);
  EXPECT_EQ(applied.error().message, "checkpoint 'nope' not found");
  EXPECT_EQ(store->update("nope", {}, "t", "m").error().message, "checkpoint 'nope' not found");
  EXPECT_EQ(store->add_event("nope", "t", "m").error().message, "checkpoint 'nope' not found");
  EXPECT_FALSE(store->get("nope").has_value());
  EXPECT_TRUE(store->events("nope").empty());
}

TEST_F(CheckpointStoreTest, UpdateAndAddEventRecordEventsWithoutStateChange) {
  auto store = open_store();
  create(*store, "c1");
  now += seconds{2};
  const auto updated = store->update(
      "c1", [](Checkpoint& c) { c.backup = testing::full_checkpoint().backup; }, "backup.finished", "backup 20261121T064816");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->state, CheckpointState::backing_up);
  EXPECT_EQ(updated->backup, testing::full_checkpoint().backup);
  EXPECT_EQ(updated->updated_at, now);
  ASSERT_TRUE(store->add_event("c1", "archive.wait", "waiting for 000000030000001600000000").ok());
  EXPECT_THAT(event_messages(*store, "c1"),
              ElementsAre("state: created in state backing_up", "backup.finished: backup 20261121T064816",
                          "archive.wait: waiting for 000000030000001600000000"));
  const auto events = store->events("c1");
  EXPECT_EQ(events.back().seq, 3U);
}

TEST_F(CheckpointStoreTest, EverythingSurvivesReopen) {
  std::vector<Checkpoint> listed;
  std::vector<Event> timeline;
  {
    auto store = open_store();
    create(*store, "c1");
    now += seconds{1};
    create(*store, "c2", "billing");
    make_ready(*store, "c1");
    ASSERT_TRUE(store->update("c1", [](Checkpoint& c) { c.restore = testing::full_checkpoint().restore; }, "restore.phase", "promoted").ok());
    ASSERT_TRUE(store->add_event("c2", "note", "hello").ok());
    listed = store->list({}, {});
    timeline = store->events("c1");
  }
  auto reopened = open_store();
  EXPECT_EQ(reopened->list({}, {}), listed);
  EXPECT_EQ(reopened->events("c1"), timeline);
  EXPECT_EQ(reopened->events("c2").size(), 2U);
  now += seconds{1};
  ASSERT_TRUE(reopened->add_event("c1", "after", "reopen").ok());
  EXPECT_EQ(reopened->events("c1").back().seq, timeline.size() + 1);
}

TEST_F(CheckpointStoreTest, ClockBeyondMicrosecondsReadsBackEqualAfterReopen) {
  now += std::chrono::nanoseconds{789};
  Checkpoint created;
  {
    auto store = open_store();
    created = create(*store, "c1");
  }
  EXPECT_EQ(open_store()->get("c1"), created);
}

TEST_F(CheckpointStoreTest, SecondStoreOnTheSameDirectoryIsRefused) {
  auto store = open_store();
  const auto second = CheckpointStore::open(state_dir, [this] { return now; });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::unavailable);
}

TEST_F(CheckpointStoreTest, ListIsNewestFirstAndFilters) {
  auto store = open_store();
  create(*store, "a");
  now += seconds{1};
  create(*store, "b", "billing");
  now += seconds{1};
  create(*store, "c");
  make_ready(*store, "a");
  const auto ids = [](const std::vector<Checkpoint>& checkpoints) {
    std::vector<std::string> out;
    for (const auto& c : checkpoints) out.push_back(c.id);
    return out;
  };
  EXPECT_THAT(ids(store->list({}, {})), ElementsAre("c", "b", "a"));
  EXPECT_THAT(ids(store->list("orders", {})), ElementsAre("c", "a"));
  EXPECT_THAT(ids(store->list({}, CheckpointState::ready)), ElementsAre("a"));
  EXPECT_THAT(ids(store->list("billing", CheckpointState::ready)), ElementsAre());
}

TEST_F(CheckpointStoreTest, FindsByIdempotencyKeyWithinTheCluster) {
  auto store = open_store();
  Checkpoint keyed = testing::minimal_checkpoint("k1");
  keyed.request.idempotency_key = "job-42";
  ASSERT_TRUE(store->create(keyed, "created").ok());
  create(*store, "plain");
  const auto found = store->find_by_idempotency_key("orders", "job-42");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "k1");
  EXPECT_FALSE(store->find_by_idempotency_key("billing", "job-42").has_value());
  EXPECT_FALSE(store->find_by_idempotency_key("orders", "job-43").has_value());
  EXPECT_FALSE(store->find_by_idempotency_key("orders", "").has_value());
}

TEST_F(CheckpointStoreTest, RacingRestoresOnOneCheckpointLetExactlyOneWin) {
  auto store = open_store();
  for (int round = 0; round < 10; ++round) {
    const std::string id = "race" + std::to_string(round);
    create(*store, id);
    make_ready(*store, id);
    std::latch start{2};
    std::array<bool, 2> won{};
    std::array<std::thread, 2> racers;
    for (std::size_t i = 0; i < racers.size(); ++i) {
      racers[i] = std::thread([&, i] {
        start.arrive_and_wait();
        won[i] = store->apply(id, Action::start_restore, {}, "restore by racer " + std::to_string(i)).ok();
      });
    }
    for (auto& racer : racers) racer.join();
    EXPECT_EQ(won[0] + won[1], 1) << "round " << round;
    EXPECT_EQ(store->get(id)->state, CheckpointState::restoring);
    EXPECT_EQ(store->events(id).size(), 3U) << "one event per successful transition only";
  }
}

TEST_F(CheckpointStoreTest, OpenCompactsAJournalOfSupersededSnapshotsAndKeepsEverything) {
  // Writes the journal a long-running daemon would have: one checkpoint updated 1100
  // times (snapshot + event each), in one batch to keep the test fast.
  Checkpoint checkpoint = testing::minimal_checkpoint("busy");
  std::vector<std::string> records;
  for (std::uint64_t seq = 1; seq <= 1101; ++seq) {
    checkpoint.message = "update " + std::to_string(seq);
    records.push_back(encode_checkpoint_record(checkpoint)->text);
    records.push_back(encode_event_record(Event{"busy", seq, now, "note", checkpoint.message})->text);
  }
  fs::create_directories(state_dir);
  {
    Journal::Recovered recovered;
    auto journal = Journal::open(state_dir / "journal", recovered);
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE(journal->append_all(records).ok());
  }
  const auto size_before = fs::file_size(state_dir / "journal");
  {
    auto store = open_store();
    EXPECT_EQ(store->get("busy"), checkpoint);
    EXPECT_EQ(store->events("busy").size(), 1101U);
    ASSERT_TRUE(store->add_event("busy", "after", "compaction").ok());
  }
  EXPECT_LT(fs::file_size(state_dir / "journal"), size_before / 2);
  Journal::Recovered recovered;
  ASSERT_TRUE(Journal::open(state_dir / "journal", recovered).ok());
  EXPECT_EQ(recovered.records.size(), 1U + 1101U + 1U);
  auto reopened = open_store();
  EXPECT_EQ(reopened->get("busy"), checkpoint);
  EXPECT_EQ(reopened->events("busy").size(), 1102U);
  EXPECT_EQ(reopened->events("busy").back().message, "compaction");
}

TEST_F(CheckpointStoreTest, SmallJournalIsNotCompacted) {
  {
    auto store = open_store();
    create(*store, "c1");
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store->update("c1", {}, "note", std::to_string(i)).ok());
  }
  const auto size_before = fs::file_size(state_dir / "journal");
  open_store();
  EXPECT_EQ(fs::file_size(state_dir / "journal"), size_before);
}

TEST_F(CheckpointStoreTest, JournalWithAnEventForAnUnknownCheckpointIsRefused) {
  fs::create_directories(state_dir);
  {
    Journal::Recovered recovered;
    auto journal = Journal::open(state_dir / "journal", recovered);
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE(journal->append(encode_event_record(Event{"ghost", 1, now, "state", "x"})->text).ok());
  }
  const auto store = CheckpointStore::open(state_dir, [this] { return now; });
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.error().message, HasSubstr("record 1: event for unknown checkpoint 'ghost'"));
}

TEST_F(CheckpointStoreTest, JournalWithAnUndecodableRecordIsRefused) {
  fs::create_directories(state_dir);
  {
    Journal::Recovered recovered;
    auto journal = Journal::open(state_dir / "journal", recovered);
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE(journal->append(R"({"kind":"checkpoint","checkpoint":{"id":"x"}})").ok());
  }
  const auto store = CheckpointStore::open(state_dir, [this] { return now; });
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.error().message, HasSubstr("record 1: missing field 'cluster'"));
}

}  // namespace
}  // namespace ckpt
