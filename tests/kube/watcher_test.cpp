// Watcher and wait_for against the Kubernetes API test server: events in order, the
// initial list, a dropped watch resumed without loss or repeats, relisting after 410 (as an
// answer and mid-stream), permanent errors, cancellation, and wait_for's deadline.
#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "kube/watch.hpp"
#include "kube_server_fixture.hpp"

namespace ckpt::kube {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// "ADDED b1" for an event, the error message otherwise.
std::string summary(const Result<WatchEvent>& event) {
  if (!event) return "error: " + event.error().message;
  return std::string(to_string(event->type)) + " " + metadata_field(event->object, "name");
}

class WatcherTest : public testing::KubeServerTest {
 protected:
  // The next n events other than bookmarks, summarised.
  asio::awaitable<std::vector<std::string>> take(Watcher& watcher, std::size_t n) {
    std::vector<std::string> seen;
    while (seen.size() < n) {
      auto event = co_await watcher.next(10s);
      if (event && event->type == WatchEventType::bookmark) continue;
      seen.push_back(summary(event));
      if (!event) break;
    }
    co_return seen;
  }

  WatchOptions from_now(ResourceRef ref = backups()) const {
    WatchOptions options;
    options.ref = std::move(ref);
    options.resource_version = store_version();
    return options;
  }

  void wait_for_watch_streams(std::size_t count) {
    const auto give_up = Clock::now() + 5s;
    while (server->store().events().subscriber_count() < count && Clock::now() < give_up) {
      std::this_thread::sleep_for(5ms);
    }
  }
};

TEST_F(WatcherTest, SeesAddedModifiedAndDeletedInOrder) {
  Watcher watcher(*client, from_now());
  store_create(backup_manifest("b1"));
  store_set_phase("b1", "running");
  store_remove("b1");
  const auto seen = run(take(watcher, 3));
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED b1", "MODIFIED b1", "DELETED b1"}));
  EXPECT_EQ(watcher.resource_version(), store_version());
  EXPECT_EQ(watcher.lists(), 0) << "started from a resourceVersion: no list";
}

TEST_F(WatcherTest, WithoutAResourceVersionItListsFirst) {
  store_create(backup_manifest("b1"));
  store_create(backup_manifest("b2"));
  WatchOptions options;
  options.ref = backups();
  Watcher watcher(*client, options);
  auto first = run(take(watcher, 2));
  EXPECT_EQ(first, (std::vector<std::string>{"ADDED b1", "ADDED b2"}));
  store_set_phase("b2", "completed");
  EXPECT_EQ(run(take(watcher, 1)), std::vector<std::string>{"MODIFIED b2"});
  EXPECT_EQ(watcher.lists(), 1);
}

TEST_F(WatcherTest, OneObjectByNameAndByLabel) {
  Watcher by_name(*client, from_now(backups("b2")));
  WatchOptions labelled = from_now();
  labelled.query.label_selector = "tier=gold";
  Watcher by_label(*client, labelled);
  store_create(backup_manifest("b1"));
  auto gold = backup_manifest("b3");
  gold["metadata"].as_object()["labels"] = {{"tier", "gold"}};
  store_create(backup_manifest("b2"));
  store_create(gold);
  EXPECT_EQ(run(take(by_name, 1)), std::vector<std::string>{"ADDED b2"});
  EXPECT_EQ(run(take(by_label, 1)), std::vector<std::string>{"ADDED b3"});
}

TEST_F(WatcherTest, ADroppedWatchResumesWithoutLosingOrRepeatingEvents) {
  server->faults().drop_watches_after(2);
  Watcher watcher(*client, from_now());
  for (const char* name : {"b1", "b2", "b3", "b4"}) store_create(backup_manifest(name));
  store_set_phase("b1", "completed");
  const auto seen = run(take(watcher, 5));
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED b1", "ADDED b2", "ADDED b3", "ADDED b4", "MODIFIED b1"}));
  EXPECT_EQ(watcher.reconnects(), 1);
  EXPECT_EQ(watcher.lists(), 0);
}

TEST_F(WatcherTest, AnExpiredResourceVersionMakesItListAgainAndReportTheDifference) {
  store_create(backup_manifest("b1"));
  store_create(backup_manifest("b2"));
  WatchOptions options;
  options.ref = backups();
  Watcher watcher(*client, options);
  EXPECT_EQ(run(take(watcher, 2)), (std::vector<std::string>{"ADDED b1", "ADDED b2"}));
  auto idle = run(watcher.next(300ms));  // closes the stream; it resumes on the next call
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().code, ErrorCode::deadline_exceeded);

  store_remove("b1");
  store_set_phase("b2", "completed");
  store_create(backup_manifest("b3"));
  server->store().compact_history(false);  // the watcher's resourceVersion is now too old: 410
  const auto seen = run(take(watcher, 3));
  EXPECT_EQ(seen, (std::vector<std::string>{"MODIFIED b2", "ADDED b3", "DELETED b1"}));
  EXPECT_EQ(watcher.lists(), 2);

  store_create(backup_manifest("b4"));
  EXPECT_EQ(run(take(watcher, 1)), std::vector<std::string>{"ADDED b4"}) << "watching again afterwards";
}

TEST_F(WatcherTest, AnExpiredErrorEventMidStreamMakesItListAgain) {
  Watcher watcher(*client, from_now());
  store_create(backup_manifest("b1"));
  EXPECT_EQ(run(take(watcher, 1)), std::vector<std::string>{"ADDED b1"});
  wait_for_watch_streams(1);
  server->store().compact_history(true);  // the open stream ends with an ERROR 410 event
  store_create(backup_manifest("b2"));
  EXPECT_EQ(run(take(watcher, 1)), std::vector<std::string>{"ADDED b2"})
      << "b1 is not repeated by the relist; b2 arrives once";
  EXPECT_EQ(watcher.lists(), 1);
}

TEST_F(WatcherTest, ErrorsThatReconnectingCannotFixAreReturned) {
  KubeClient stranger(io.get_executor(), connection_for("not-a-token"), fast_options());
  Watcher watcher(stranger, from_now());
  auto event = run(watcher.next(5s));
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().code, ErrorCode::unauthorized);
  EXPECT_TRUE(event.error().message.starts_with("watch backups.postgresql.cnpg.io in namespace \"develop\""))
      << event.error().message;
}

TEST_F(WatcherTest, RunDeliversToACallbackUntilCancelled) {
  Watcher watcher(*client, from_now());
  std::vector<std::string> seen;
  store_create(backup_manifest("b1"));
  store_create(backup_manifest("b2"));
  const auto started = Clock::now();
  run([&]() -> asio::awaitable<int> {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer stop(io, 1500ms);
    const std::function<void(const WatchEvent&)> collect = [&](const WatchEvent& event) {
      if (event.type != WatchEventType::bookmark) seen.push_back(summary(event));
    };
    co_await (watcher.run(collect) || stop.async_wait(asio::use_awaitable));
    co_return 0;
  }());
  EXPECT_LT(Clock::now() - started, 3s) << "cancellation ends run() promptly";
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED b1", "ADDED b2"}));
  EXPECT_EQ(watcher.reconnects(), 0) << "the cancellation is not taken for a dropped connection";
}

TEST_F(WatcherTest, WaitForReturnsWhatThePredicateDecides) {
  store_create(backup_manifest("b1"));
  store_set_phase("b1", "running");
  std::thread operator_emulation([this] {
    std::this_thread::sleep_for(300ms);
    store_set_phase("b1", "completed");
  });
  auto phase = run(wait_for<std::string>(
      *client, backups("b1"),
      [](const boost::json::object& object) -> std::optional<Result<std::string>> {
        const auto* status = object.if_contains("status");
        if (!status || status->at("phase") != "completed") return std::nullopt;
        return Result<std::string>(std::string(status->at("phase").as_string()));
      },
      10s));
  operator_emulation.join();
  ASSERT_TRUE(phase) << phase.error().message;
  EXPECT_EQ(*phase, "completed");
}

TEST_F(WatcherTest, WaitForHitsItsDeadlineNamingTheObjectAndItsLastPhase) {
  store_create(backup_manifest("b1"));
  store_set_phase("b1", "running");
  const auto started = Clock::now();
  auto waited = run(wait_until(
      *client, backups("b1"), [](const boost::json::object&) { return false; }, 500ms));
  EXPECT_LT(Clock::now() - started, 3s);
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(waited.error().message,
            "backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" did not reach the awaited "
            "state within 500 ms; last observed phase: \"running\"");
}

TEST_F(WatcherTest, WaitForAnObjectThatNeverAppears) {
  auto waited = run(wait_until(
      *client, backups("ghost"), [](const boost::json::object&) { return true; }, 300ms));
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().message,
            "backups.postgresql.cnpg.io \"ghost\" in namespace \"develop\" did not reach the awaited "
            "state within 300 ms; it was never observed (it does not exist)");
}

TEST_F(WatcherTest, WaitForSeesAnObjectThatAppearsAndOneThatIsDeleted) {
  std::thread creator([this] {
    std::this_thread::sleep_for(300ms);
    store_create(backup_manifest("late"));
  });
  auto appeared = run(wait_until(
      *client, backups("late"), [](const boost::json::object&) { return true; }, 10s));
  creator.join();
  EXPECT_TRUE(appeared) << appeared.error().message;

  std::thread remover([this] {
    std::this_thread::sleep_for(300ms);
    store_remove("late");
  });
  auto deleted = run(wait_until(
      *client, backups("late"), [](const boost::json::object&) { return false; }, 10s));
  remover.join();
  ASSERT_FALSE(deleted);
  EXPECT_EQ(deleted.error().code, ErrorCode::not_found);
  EXPECT_EQ(deleted.error().message,
            "backups.postgresql.cnpg.io \"late\" in namespace \"develop\" was deleted while waiting for it");
}

}  // namespace
}  // namespace ckpt::kube
