// Watch streams: order of events, initial events, 410 for stale resourceVersions (as a
// response and mid-stream), bookmarks, selector transitions, timeouts and Table events.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <future>
#include <thread>

#include "kubeapi_fixture.hpp"
#include "raw_watch.hpp"

namespace ckpt::kubeapi {
namespace {

using namespace std::chrono_literals;
using testing::backup_manifest;
using testing::cnpg_path;
using testing::RawWatch;

constexpr const char* kBackups = "backups.postgresql.cnpg.io";

class WatchTest : public testing::KubeApiTest {
 protected:
  KubeApiServerOptions options() const override {
    KubeApiServerOptions options;
    options.bookmark_interval = 200ms;
    return options;
  }

  // Starts a raw watch of `target` in the background and waits until the server streams it.
  std::future<RawWatch> watch(const std::string& target, std::chrono::milliseconds deadline = 10s) {
    const std::size_t before = server->store().events().subscriber_count();
    auto future = std::async(std::launch::async, [this, target, deadline] {
      return testing::read_raw_watch(server->port(), server->ca_file().string(), target,
                                     testing::kWriterToken, deadline);
    });
    const auto give_up = std::chrono::steady_clock::now() + 5s;
    while (server->store().events().subscriber_count() == before &&
           std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(5ms);
    }
    EXPECT_GT(server->store().events().subscriber_count(), before) << "the watch did not start";
    return future;
  }

  std::string version() const { return std::to_string(server->store().resource_version()); }

  void create_backup(const std::string& name, boost::json::object labels = {}) {
    auto backup = backup_manifest(name, "orders-db");
    if (!labels.empty()) backup["metadata"].as_object()["labels"] = std::move(labels);
    auto created = server->store().create(backup);
    ASSERT_TRUE(created) << created.error().message;
  }
};

std::vector<std::string> types_of(const RawWatch& watch) {
  std::vector<std::string> types;
  for (const auto& event : watch.events) types.emplace_back(event.at("type").as_string());
  return types;
}

std::string name_in(const boost::json::object& event) {
  return std::string(event.at("object").at("metadata").at("name").as_string());
}

TEST_F(WatchTest, ChangesArriveInOrderAfterTheGivenResourceVersion) {
  create_backup("before");
  auto stream = watch(cnpg_path("backups") + "?watch=1&timeoutSeconds=2&resourceVersion=" + version());
  create_backup("b1");
  ASSERT_TRUE(server->store().patch_status({kBackups, "develop", "b1"},
                                           boost::json::parse(R"({"status":{"phase":"completed"}})")));
  ASSERT_TRUE(server->store().remove({kBackups, "develop", "b1"}));

  const RawWatch result = stream.get();
  EXPECT_NE(result.head.find("HTTP/1.1 200"), std::string::npos);
  EXPECT_NE(result.head.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_TRUE(result.complete) << "the stream ends with the final chunk after timeoutSeconds";
  ASSERT_EQ(types_of(result), (std::vector<std::string>{"ADDED", "MODIFIED", "DELETED"}));
  std::uint64_t previous = 0;
  for (const auto& event : result.events) {
    EXPECT_EQ(name_in(event), "b1");
    const auto version_of =
        std::stoull(std::string(event.at("object").at("metadata").at("resourceVersion").as_string()));
    EXPECT_GT(version_of, previous);
    previous = version_of;
  }
  EXPECT_EQ(result.events[1].at("object").at("status").at("phase"), "completed");
}

TEST_F(WatchTest, WithoutAResourceVersionTheExistingObjectsComeFirst) {
  create_backup("b1");
  create_backup("b2");
  auto stream = watch(cnpg_path("backups") + "?watch=true&timeoutSeconds=1");
  create_backup("b3");
  const RawWatch result = stream.get();
  ASSERT_EQ(types_of(result), (std::vector<std::string>{"ADDED", "ADDED", "ADDED"}));
  EXPECT_EQ(name_in(result.events[0]), "b1");
  EXPECT_EQ(name_in(result.events[2]), "b3");
}

TEST_F(WatchTest, AResourceVersionOlderThanTheHistoryIsGone) {
  create_backup("b1");
  const std::string old = version();
  create_backup("b2");
  server->store().compact_history(false);
  const auto reply = call("GET", cnpg_path("backups") + "?watch=1&resourceVersion=" + old);
  EXPECT_EQ(reply.status, 410);
  EXPECT_EQ(reply.text("kind"), "Status");
  EXPECT_EQ(reply.text("reason"), "Expired");
  EXPECT_EQ(reply.object().at("code"), 410);
  EXPECT_EQ(reply.text("message").rfind("too old resource version: " + old, 0), 0u) << reply.text("message");
}

TEST_F(WatchTest, TheHistoryIsBounded) {
  KubeApiServerOptions small;
  small.event_history = 3;
  auto started = KubeApiServer::start(small);
  ASSERT_TRUE(started);
  auto& store = (*started)->store();
  const auto first = store.resource_version();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.create(backup_manifest("b" + std::to_string(i), "orders-db")));
  }
  EXPECT_FALSE(store.events().events_after(first));
  EXPECT_TRUE(store.events().events_after(store.resource_version() - 3));
}

TEST_F(WatchTest, ExpiryDetectedMidStreamEndsWithAnErrorEvent) {
  auto stream = watch(cnpg_path("backups") + "?watch=1&timeoutSeconds=10&resourceVersion=" + version());
  create_backup("b1");
  std::this_thread::sleep_for(300ms);  // let the stream send ADDED before its history goes
  server->store().compact_history(true);
  const RawWatch result = stream.get();
  ASSERT_EQ(types_of(result), (std::vector<std::string>{"ADDED", "ERROR"}));
  const auto& status = result.events[1].at("object");
  EXPECT_EQ(status.at("kind"), "Status");
  EXPECT_EQ(status.at("code"), 410);
  EXPECT_EQ(status.at("reason"), "Expired");
  EXPECT_TRUE(result.complete);
}

TEST_F(WatchTest, BookmarksCarryTheCurrentResourceVersion) {
  auto stream = watch(cnpg_path("backups") +
                      "?watch=1&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=" + version());
  create_backup("b1");
  const RawWatch result = stream.get();
  std::size_t bookmarks = 0;
  for (const auto& event : result.events) {
    if (event.at("type") != "BOOKMARK") continue;
    ++bookmarks;
    EXPECT_EQ(event.at("object").at("kind"), "Backup");
    EXPECT_FALSE(event.at("object").at("metadata").at("resourceVersion").as_string().empty());
  }
  EXPECT_GE(bookmarks, 2u) << "one every 200 ms for a second";
  EXPECT_EQ(result.events.back().at("object").at("metadata").at("resourceVersion").as_string(), version());
}

TEST_F(WatchTest, LabelSelectorsTurnLabelChangesIntoAddsAndDeletes) {
  auto stream = watch(cnpg_path("backups") +
                      "?watch=1&timeoutSeconds=1&labelSelector=checkpoint%3Dc1&resourceVersion=" + version());
  create_backup("unlabelled");
  create_backup("b1", {{"checkpoint", "c1"}});
  const ObjectRef unlabelled{kBackups, "develop", "unlabelled"};
  ASSERT_TRUE(server->store().patch(unlabelled,
                                    boost::json::parse(R"({"metadata":{"labels":{"checkpoint":"c1"}}})")));
  ASSERT_TRUE(server->store().patch(unlabelled,
                                    boost::json::parse(R"({"metadata":{"labels":{"checkpoint":"c2"}}})")));
  const RawWatch result = stream.get();
  ASSERT_EQ(types_of(result), (std::vector<std::string>{"ADDED", "ADDED", "DELETED"}));
  EXPECT_EQ(name_in(result.events[0]), "b1");
  EXPECT_EQ(name_in(result.events[1]), "unlabelled");
  EXPECT_EQ(name_in(result.events[2]), "unlabelled");
}

TEST_F(WatchTest, TimeoutSecondsEndsTheStream) {
  const auto started = std::chrono::steady_clock::now();
  const auto reply =
      call("GET", cnpg_path("backups") + "?watch=1&timeoutSeconds=1&resourceVersion=" + version());
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.raw.body.empty());
  EXPECT_GE(elapsed, 1s);
  EXPECT_LT(elapsed, 5s);
}

TEST_F(WatchTest, ClosingTheClientEndsTheServerSideStream) {
  const std::size_t before = server->store().events().subscriber_count();
  auto stream = watch(cnpg_path("backups") + "?watch=1&resourceVersion=" + version(), 300ms);
  stream.get();  // the reader gives up after 300 ms and closes its socket
  const auto give_up = std::chrono::steady_clock::now() + 5s;
  while (server->store().events().subscriber_count() > before && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(server->store().events().subscriber_count(), before);
}

TEST_F(WatchTest, TableWatchesSendColumnDefinitionsOnce) {
  create_backup("b1");
  create_backup("b2");
  const auto reply =
      call("GET", cnpg_path("backups") + "?watch=1&timeoutSeconds=1", std::string(), testing::kWriterToken,
           {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}});
  ASSERT_EQ(reply.status, 200);
  std::vector<boost::json::value> events;
  std::size_t start = 0;
  for (auto newline = reply.raw.body.find('\n'); newline != std::string::npos;
       newline = reply.raw.body.find('\n', start)) {
    events.push_back(boost::json::parse(reply.raw.body.substr(start, newline - start)));
    start = newline + 1;
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at("object").at("kind"), "Table");
  EXPECT_TRUE(events[0].at("object").at("columnDefinitions").is_array());
  EXPECT_TRUE(events[1].at("object").at("columnDefinitions").is_null());
  EXPECT_EQ(events[1].at("object").at("rows").at(0).at("cells").at(0), "b2");
}

}  // namespace
}  // namespace ckpt::kubeapi
