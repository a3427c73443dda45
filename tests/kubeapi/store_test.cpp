// The store's Kubernetes semantics, in process: system fields, resourceVersion, generation,
// optimistic concurrency, the status subresource, deletes, lists and change subscriptions.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <mutex>
#include <regex>
#include <vector>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

using testing::backup_manifest;
using testing::cluster_manifest;
using testing::rejection;

constexpr const char* kBackups = "backups.postgresql.cnpg.io";
constexpr const char* kClusters = "clusters.postgresql.cnpg.io";

boost::json::object namespace_object(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

std::int64_t generation_of(const boost::json::object& object) {
  return object.at("metadata").at("generation").as_int64();
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto types = TypeRegistry::load(shared_crd_dir());
    ASSERT_TRUE(types) << types.error().message;
    store = std::make_unique<ResourceStore>(std::make_shared<const TypeRegistry>(std::move(*types)), 100);
    ASSERT_TRUE(store->create(namespace_object("develop")));
  }

  boost::json::object created(boost::json::object object) {
    auto result = store->create(std::move(object));
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : boost::json::object{};
  }

  std::unique_ptr<ResourceStore> store;
};

TEST_F(StoreTest, CreateFillsSystemFieldsAndDropsStatus) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["status"] = {{"phase", "completed"}};
  const auto before = store->resource_version();
  const auto stored = created(backup);

  EXPECT_TRUE(
      std::regex_match(metadata_field(stored, "uid"),
                       std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  EXPECT_TRUE(std::regex_match(metadata_field(stored, "creationTimestamp"),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  EXPECT_EQ(metadata_field(stored, "resourceVersion"), std::to_string(before + 1));
  EXPECT_EQ(generation_of(stored), 1);
  EXPECT_FALSE(stored.contains("status")) << "status is set only through the status subresource";
  EXPECT_EQ(*store->get({kBackups, "develop", "b1"}), stored);
}

TEST_F(StoreTest, ObjectNamesMustBeDnsSubdomains) {
  const Error bad = rejection(*store, backup_manifest("Orders_DB", "orders-db"));
  EXPECT_EQ(bad.reason, reason::kInvalid);
  EXPECT_NE(bad.message.find("metadata.name: Invalid value: \"Orders_DB\": a lowercase RFC 1123 subdomain"),
            std::string::npos);
  auto nameless = backup_manifest("", "orders-db");
  nameless["metadata"].as_object().erase("name");
  EXPECT_NE(rejection(*store, nameless)
                .message.find("metadata.name: Required value: name or generateName is required"),
            std::string::npos);
}

TEST_F(StoreTest, LabelValuesAreChecked) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["metadata"].as_object()["labels"] = {{"checkpoint", "not a label value"}};
  EXPECT_NE(rejection(*store, backup).message.find("metadata.labels: Invalid value: \"not a label value\""),
            std::string::npos);
}

TEST_F(StoreTest, SecondCreateIsAlreadyExists) {
  created(backup_manifest("b1", "orders-db"));
  auto again = store->create(backup_manifest("b1", "orders-db"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().reason, reason::kAlreadyExists);
  EXPECT_EQ(again.error().message, "backups.postgresql.cnpg.io \"b1\" already exists");
  EXPECT_EQ(http_status_of(again.error()), 409);
}

TEST_F(StoreTest, CreateInAMissingNamespaceIsNotFound) {
  auto result = store->create(backup_manifest("b1", "orders-db", "payments"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, reason::kNotFound);
  EXPECT_EQ(result.error().message, "namespaces \"payments\" not found");
}

TEST_F(StoreTest, GetOfAMissingObjectIsNotFound) {
  auto result = store->get({kBackups, "develop", "nope"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "backups.postgresql.cnpg.io \"nope\" not found");
  EXPECT_EQ(http_status_of(result.error()), 404);
}

TEST_F(StoreTest, GenerateNameAppendsARandomSuffix) {
  auto backup = backup_manifest("", "orders-db");
  backup["metadata"].as_object().erase("name");
  backup["metadata"].as_object()["generateName"] = "premig-";
  const auto stored = created(backup);
  EXPECT_TRUE(std::regex_match(metadata_field(stored, "name"), std::regex("premig-[a-z0-9]{5}")));
}

TEST_F(StoreTest, ReplaceNeedsTheStoredResourceVersion) {
  auto stored = created(cluster_manifest("c1"));
  auto stale = stored;
  stale["metadata"].as_object()["resourceVersion"] = "1";
  auto conflict = store->replace(stale);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().reason, reason::kConflict);
  EXPECT_NE(conflict.error().message.find("the object has been modified"), std::string::npos);

  auto unversioned = stored;
  unversioned["metadata"].as_object().erase("resourceVersion");
  auto invalid = store->replace(unversioned);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().reason, reason::kInvalid);
  EXPECT_NE(invalid.error().message.find("metadata.resourceVersion"), std::string::npos);
}

TEST_F(StoreTest, SpecChangesBumpGenerationMetadataChangesDoNot) {
  auto stored = created(cluster_manifest("c1"));
  stored["metadata"].as_object()["labels"] = {{"team", "payments"}};
  auto relabelled = store->replace(stored);
  ASSERT_TRUE(relabelled) << relabelled.error().message;
  EXPECT_EQ(generation_of(*relabelled), 1);
  EXPECT_GT(std::stoull(metadata_field(*relabelled, "resourceVersion")),
            std::stoull(metadata_field(stored, "resourceVersion")));

  auto scaled = *relabelled;
  scaled["spec"].as_object()["instances"] = 2;
  scaled["status"] = {{"phase", "ignored on the main resource"}};
  auto replaced = store->replace(scaled);
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(generation_of(*replaced), 2);
  EXPECT_FALSE(replaced->contains("status"));
}

TEST_F(StoreTest, UpdateStatusChangesOnlyTheStatus) {
  auto stored = created(cluster_manifest("c1"));
  auto body = stored;
  body["status"] = {{"phase", "Setting up primary"}};
  body["spec"].as_object()["instances"] = 5;
  body["metadata"].as_object()["labels"] = {{"ignored", "yes"}};
  auto updated = store->update_status(body);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->at("status").at("phase"), "Setting up primary");
  EXPECT_EQ(updated->at("spec").at("instances"), 1);
  EXPECT_FALSE(updated->at("metadata").as_object().contains("labels"));
  EXPECT_EQ(generation_of(*updated), 1);
}

TEST_F(StoreTest, PatchStatusMergesWithoutAPrecondition) {
  created(cluster_manifest("c1"));
  ASSERT_TRUE(
      store->patch_status({kClusters, "develop", "c1"},
                          boost::json::parse(R"({"status":{"phase":"Setting up primary","instances":1}})")));
  auto patched = store->patch_status(
      {kClusters, "develop", "c1"}, boost::json::parse(R"({"status":{"phase":"Cluster in healthy state"}})"));
  ASSERT_TRUE(patched) << patched.error().message;
  EXPECT_EQ(patched->at("status").at("phase"), "Cluster in healthy state");
  EXPECT_EQ(patched->at("status").at("instances"), 1);
}

TEST_F(StoreTest, APatchNamingAStaleResourceVersionConflicts) {
  created(cluster_manifest("c1"));
  auto result =
      store->patch({kClusters, "develop", "c1"},
                   boost::json::parse(R"({"metadata":{"resourceVersion":"1"},"spec":{"instances":3}})"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, reason::kConflict);
}

TEST_F(StoreTest, AWriteThatChangesNothingKeepsTheResourceVersionAndEmitsNoEvent) {
  const auto stored = created(cluster_manifest("c1"));
  const auto version = store->resource_version();
  auto same = store->patch({kClusters, "develop", "c1"}, boost::json::parse(R"({"spec":{"instances":1}})"));
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, stored);
  EXPECT_EQ(store->resource_version(), version);
}

TEST_F(StoreTest, StatusOfATypeWithoutStatusSubresourceIsNotFound) {
  boost::json::object secret{
      {"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}, {"namespace", "develop"}}}};
  created(secret);
  auto result = store->patch_status({"secrets", "develop", "s"}, boost::json::parse(R"({"status":{}})"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, reason::kNotFound);
}

TEST_F(StoreTest, RemoveReturnsTheObjectAndChecksPreconditions) {
  created(backup_manifest("b1", "orders-db"));
  auto refused = store->remove({kBackups, "develop", "b1"}, std::string("1"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, reason::kConflict);

  auto removed = store->remove({kBackups, "develop", "b1"});
  ASSERT_TRUE(removed);
  EXPECT_EQ(metadata_field(*removed, "name"), "b1");
  EXPECT_EQ(metadata_field(*removed, "resourceVersion"), std::to_string(store->resource_version()));
  EXPECT_EQ(store->get({kBackups, "develop", "b1"}).error().reason, reason::kNotFound);
  EXPECT_EQ(store->remove({kBackups, "develop", "b1"}).error().reason, reason::kNotFound);
}

TEST_F(StoreTest, ListFiltersByNamespaceAndLabels) {
  ASSERT_TRUE(store->create(namespace_object("payments")));
  auto labelled = backup_manifest("b1", "orders-db");
  labelled["metadata"].as_object()["labels"] = {{"pitr.example.io/checkpoint-id", "ckpt-7f3a"}};
  created(labelled);
  created(backup_manifest("b2", "orders-db"));
  created(backup_manifest("b3", "orders-db", "payments"));

  EXPECT_EQ(store->list(kBackups)->items.size(), 3u);
  EXPECT_EQ(store->list(kBackups, "develop")->items.size(), 2u);
  ListFilter filter;
  filter.labels = *LabelSelector::parse("pitr.example.io/checkpoint-id=ckpt-7f3a");
  const auto selected = store->list(kBackups, "develop", filter);
  ASSERT_EQ(selected->items.size(), 1u);
  EXPECT_EQ(metadata_field(selected->items[0], "name"), "b1");
  EXPECT_EQ(selected->resource_version, store->resource_version());
}

TEST_F(StoreTest, SecretsFoldStringDataIntoBase64Data) {
  boost::json::object secret{{"apiVersion", "v1"},
                             {"kind", "Secret"},
                             {"metadata", {{"name", "orders-db-app"}, {"namespace", "develop"}}},
                             {"stringData", {{"password", "s3cret"}}}};
  const auto stored = created(secret);
  EXPECT_EQ(stored.at("data").at("password"), "czNjcmV0");
  EXPECT_EQ(stored.at("type"), "Opaque");
  EXPECT_FALSE(stored.contains("stringData"));

  secret["metadata"].as_object()["name"] = "broken";
  secret.erase("stringData");
  secret["data"] = {{"password", "not base64!"}};
  auto invalid = store->create(secret);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().reason, reason::kInvalid);
  EXPECT_NE(invalid.error().message.find("data[password]"), std::string::npos);
}

TEST_F(StoreTest, ChangeSubscribersSeeEveryChangeInOrderAndMayWriteBack) {
  std::mutex mutex;
  std::vector<std::string> seen;
  auto subscription = store->on_change([&](const ChangeEvent& event) {
    {
      std::lock_guard lock(mutex);
      seen.push_back(std::string(event_type_name(event.type)) + " " + event.name() + " " +
                     std::to_string(event.resource_version));
    }
    // Like the operator emulation: a new Backup gets a phase.
    if (event.type == EventType::added && event.resource->kind == "Backup") {
      ASSERT_TRUE(store->patch_status({kBackups, "develop", event.name()},
                                      boost::json::parse(R"({"status":{"phase":"started"}})")));
    }
  });
  const auto first = store->resource_version() + 1;
  created(backup_manifest("b1", "orders-db"));
  store->flush_changes();
  ASSERT_TRUE(store->remove({kBackups, "develop", "b1"}));
  store->flush_changes();

  std::lock_guard lock(mutex);
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED b1 " + std::to_string(first),
                                            "MODIFIED b1 " + std::to_string(first + 1),
                                            "DELETED b1 " + std::to_string(first + 2)}));
}

TEST_F(StoreTest, AResetSubscriptionIsNotCalledAgain) {
  int calls = 0;
  auto subscription = store->on_change([&](const ChangeEvent&) { ++calls; });
  created(backup_manifest("b1", "orders-db"));
  store->flush_changes();
  subscription.reset();
  created(backup_manifest("b2", "orders-db"));
  store->flush_changes();
  EXPECT_EQ(calls, 1);
}

TEST_F(StoreTest, WatchingFromACompactedResourceVersionIsExpired) {
  created(backup_manifest("b1", "orders-db"));
  const auto old_version = store->resource_version();
  created(backup_manifest("b2", "orders-db"));
  const auto* backups = store->types().find_resource(kBackups);
  EXPECT_TRUE(store->start_watch(*backups, "develop", {}, old_version));

  store->compact_history(false);
  auto expired = store->start_watch(*backups, "develop", {}, old_version);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().reason, reason::kExpired);
  EXPECT_EQ(http_status_of(expired.error()), 410);
  EXPECT_TRUE(store->start_watch(*backups, "develop", {}, store->resource_version()));
}

TEST_F(StoreTest, AWatchWithoutResourceVersionStartsWithTheExistingObjects) {
  created(backup_manifest("b1", "orders-db"));
  created(backup_manifest("b2", "orders-db"));
  const auto* backups = store->types().find_resource(kBackups);
  auto start = store->start_watch(*backups, "develop", {}, std::nullopt);
  ASSERT_TRUE(start);
  ASSERT_EQ(start->initial.size(), 2u);
  EXPECT_EQ(start->initial[0]->name(), "b1");
  EXPECT_EQ(start->resume_after, store->resource_version());
}

}  // namespace
}  // namespace ckpt::kubeapi
