// Request bodies are checked against the real CNPG CRD schemas the way the API server checks
// them: strict decoding, openAPIV3Schema validation, defaults, the supported CEL rules, and
// ObjectMeta. Also: the built-in fallback identities match the CRD files.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cnpg_examples.hpp"
#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/builtin_types.hpp"
#include "kubeapi/server/object_schema.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "kubeapi/server/yaml_json.hpp"
#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

using testing::backup_manifest;
using testing::cluster_manifest;
using testing::rejection;

constexpr const char* kClusters = "clusters.postgresql.cnpg.io";

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SKIP_WITHOUT_CRDS();
    auto types = TypeRegistry::load(shared_crd_dir());
    ASSERT_TRUE(types) << types.error().message;
    store = std::make_unique<ResourceStore>(std::make_shared<const TypeRegistry>(std::move(*types)), 100);
    for (const char* name : {"develop", "payments"}) {
      ASSERT_TRUE(
          store->create({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}}));
    }
  }

  static boost::json::object yaml_object(const char* text) {
    auto documents = parse_yaml_documents(text);
    EXPECT_TRUE(documents && documents->size() == 1);
    return documents->front().as_object();
  }

  std::unique_ptr<ResourceStore> store;
};

TEST_F(SchemaTest, AnUnknownFieldIsRejectedLikeStrictFieldValidation) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object()["cluster"].as_object()["nmae"] = "typo";
  backup["spec"].as_object()["retries"] = 3;
  const Error error = rejection(*store, backup);
  EXPECT_EQ(error.reason, reason::kBadRequest);
  EXPECT_EQ(error.message,
            "Backup in version \"v1\" cannot be handled as a Backup: strict decoding error: "
            "unknown field \"spec.cluster.nmae\", unknown field \"spec.retries\"");
}

TEST_F(SchemaTest, AnUnknownMetadataFieldIsRejected) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["metadata"].as_object()["label"] = {{"a", "b"}};
  EXPECT_NE(rejection(*store, backup).message.find("unknown field \"metadata.label\""), std::string::npos);
}

TEST_F(SchemaTest, AWrongTypeIsInvalidAndNamesThePath) {
  auto cluster = cluster_manifest("c1");
  cluster["spec"].as_object()["instances"] = "three";
  const Error error = rejection(*store, cluster);
  EXPECT_EQ(error.reason, reason::kInvalid);
  EXPECT_EQ(http_status_of(error), 422);
  EXPECT_EQ(error.message.rfind("Cluster.postgresql.cnpg.io \"c1\" is invalid: spec.instances: ", 0), 0u)
      << error.message;
}

TEST_F(SchemaTest, AnEnumViolationAndAMissingRequiredFieldAreBothReported) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object()["method"] = "tape";
  backup["spec"].as_object()["cluster"] = boost::json::object{};
  const Error error = rejection(*store, backup);
  EXPECT_EQ(error.reason, reason::kInvalid);
  EXPECT_NE(error.message.find("spec.method: "), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("spec.cluster: "), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("'name'"), std::string::npos) << error.message;
}

TEST_F(SchemaTest, IntOrStringFieldsTakeBothButNothingElse) {
  auto cluster = cluster_manifest("c1");
  cluster["spec"].as_object()["resources"] = {{"requests", {{"memory", "512Mi"}, {"cpu", 1}}}};
  EXPECT_TRUE(store->create(cluster));
  auto wrong = cluster_manifest("c2");
  wrong["spec"].as_object()["resources"] = {{"requests", {{"memory", true}}}};
  EXPECT_NE(rejection(*store, wrong).message.find("spec.resources.requests.memory"), std::string::npos);
  auto unit = cluster_manifest("c3");
  unit["spec"].as_object()["resources"] = {{"requests", {{"memory", "lots"}}}};
  EXPECT_NE(rejection(*store, unit).message.find("spec.resources.requests.memory"), std::string::npos);
}

TEST_F(SchemaTest, TheExampleManifestsAreAccepted) {
  for (const char* manifest : {testing::kPluginBackup, testing::kRecoveryClusterTargetTime,
                               testing::kRecoveryClusterPlugin, testing::kRecoveryClusterSnapshot}) {
    auto object = yaml_object(manifest);
    auto created = store->create(object);
    ASSERT_TRUE(created) << created.error().message << "\nin\n" << manifest;
    ASSERT_TRUE(store->remove(
        ref_of(object.at("kind") == "Backup" ? "backups.postgresql.cnpg.io" : kClusters, object)));
  }
}

TEST_F(SchemaTest, SchemaDefaultsAreApplied) {
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object().erase("method");
  backup["spec"].as_object().erase("pluginConfiguration");
  auto created = store->create(backup);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->at("spec").at("method"), "barmanObjectStore");

  auto cluster = store->create(cluster_manifest("c1"));
  ASSERT_TRUE(cluster) << cluster.error().message;
  EXPECT_EQ(cluster->at("spec").at("logLevel"), "info");
}

TEST_F(SchemaTest, BackupSpecIsImmutableButItsStatusIsNot) {
  ASSERT_TRUE(store->create(backup_manifest("b1", "orders-db")));
  const ObjectRef ref{"backups.postgresql.cnpg.io", "develop", "b1"};
  auto changed = store->patch(ref, boost::json::parse(R"({"spec":{"target":"primary"}})"));
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().reason, reason::kInvalid);
  EXPECT_EQ(
      changed.error().message,
      "Backup.postgresql.cnpg.io \"b1\" is invalid: spec: Invalid value: \"object\": BackupSpec is immutable "
      "once set");
  EXPECT_TRUE(store->patch_status(ref, boost::json::parse(R"({"status":{"phase":"completed"}})")));
  EXPECT_TRUE(store->patch(ref, boost::json::parse(R"({"metadata":{"labels":{"done":"yes"}}})")));
}

TEST_F(SchemaTest, SupportedCelRulesAreEnforced) {
  auto cluster = cluster_manifest("c1");
  cluster["spec"].as_object()["imageName"] = "ghcr.io/cloudnative-pg/postgresql:17.5";
  cluster["spec"].as_object()["imageCatalogRef"] = {
      {"apiGroup", "postgresql.cnpg.io"}, {"kind", "ImageCatalog"}, {"name", "c"}, {"major", 17}};
  EXPECT_NE(rejection(*store, cluster).message.find("imageName and imageCatalogRef are mutually exclusive"),
            std::string::npos);

  boost::json::object store_object{
      {"apiVersion", "barmancloud.cnpg.io/v1"},
      {"kind", "ObjectStore"},
      {"metadata", {{"name", "payments-store"}, {"namespace", "develop"}}},
      {"spec", {{"configuration", {{"destinationPath", "s3://b/"}, {"serverName", "orders-db"}}}}}};
  const Error forbidden = rejection(*store, store_object);
  EXPECT_NE(forbidden.message.find(
                "spec.configuration.serverName: Forbidden: use the 'serverName' plugin parameter"),
            std::string::npos)
      << forbidden.message;

  boost::json::object scheduled{
      {"apiVersion", "postgresql.cnpg.io/v1"},
      {"kind", "ScheduledBackup"},
      {"metadata", {{"name", "nightly"}, {"namespace", "develop"}}},
      {"spec", {{"schedule", "0 0 0 * * *"}, {"cluster", {{"name", "orders-db"}}}}}};
  ASSERT_TRUE(store->create(scheduled));
  auto moved = store->patch({"scheduledbackups.postgresql.cnpg.io", "develop", "nightly"},
                            boost::json::parse(R"({"spec":{"cluster":{"name":"other"}}})"));
  ASSERT_FALSE(moved);
  EXPECT_NE(
      moved.error().message.find("spec.cluster: Invalid value: \"object\": cluster reference is immutable"),
      std::string::npos)
      << moved.error().message;
}

TEST(SchemaFallbackTest, TheBuiltInCnpgIdentitiesMatchTheCrdFiles) {
  SKIP_WITHOUT_CRDS();
  auto types = TypeRegistry::load(shared_crd_dir());
  ASSERT_TRUE(types) << types.error().message;
  for (const auto& fallback : cnpg_fallback_types()) {
    SCOPED_TRACE(fallback.qualified_name());
    const ResourceType* real = types->find_resource(fallback.qualified_name());
    ASSERT_NE(real, nullptr);
    ASSERT_NE(real->schema, nullptr) << "loaded from the CRD file";
    EXPECT_EQ(real->group, fallback.group);
    EXPECT_EQ(real->version, fallback.version);
    EXPECT_EQ(real->kind, fallback.kind);
    EXPECT_EQ(real->list_kind, fallback.list_kind);
    EXPECT_EQ(real->singular, fallback.singular);
    EXPECT_EQ(real->short_names, fallback.short_names);
    EXPECT_EQ(real->namespaced, fallback.namespaced);
    EXPECT_EQ(real->status_subresource, fallback.status_subresource);
    ASSERT_EQ(real->printer_columns.size(), fallback.printer_columns.size());
    for (std::size_t i = 0; i < real->printer_columns.size(); ++i) {
      EXPECT_EQ(real->printer_columns[i].name, fallback.printer_columns[i].name);
      EXPECT_EQ(real->printer_columns[i].type, fallback.printer_columns[i].type);
      EXPECT_EQ(real->printer_columns[i].json_path, fallback.printer_columns[i].json_path);
      EXPECT_EQ(real->printer_columns[i].description, fallback.printer_columns[i].description);
    }
  }
}

TEST(SchemaFallbackTest, WithoutCrdFilesTheCnpgKindsAreServedWithoutSchemaChecks) {
  auto types = TypeRegistry::load(std::filesystem::path("/nonexistent/cnpg-crds"));
  ASSERT_TRUE(types) << types.error().message;
  const ResourceType* backups = types->find_resource("backups.postgresql.cnpg.io");
  ASSERT_NE(backups, nullptr);
  EXPECT_EQ(backups->schema, nullptr);
  EXPECT_TRUE(backups->status_subresource);
  EXPECT_EQ(types->crds().size(), 4u) << "one synthesized CRD per CNPG kind";

  ResourceStore store(std::make_shared<const TypeRegistry>(std::move(*types)), 10);
  ASSERT_TRUE(
      store.create({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "develop"}}}}));
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object()["anything"] = "goes";
  EXPECT_TRUE(store.create(backup));
}

TEST(SchemaCompileTest, NullableAndIntOrStringAreTranslated) {
  auto schema = ObjectSchema::compile(boost::json::parse(R"({
    "type": "object",
    "properties": {
      "note": {"type": "string", "nullable": true},
      "size": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
      "when": {"type": "string", "format": "date-time"},
      "count": {"type": "integer", "format": "int32", "default": 1}
    }})")
                                          .as_object());
  ASSERT_TRUE(schema) << schema.error().message;
  const auto& compiled = **schema;
  EXPECT_TRUE(
      compiled
          .validate(boost::json::parse(R"({"note": null, "size": 3, "when": "2026-01-15T10:30:00Z"})"),
                    nullptr)
          .empty());
  EXPECT_TRUE(compiled.validate(boost::json::parse(R"({"size": "3Gi"})"), nullptr).empty());
  const auto errors = compiled.validate(boost::json::parse(R"({"size": 1.5, "when": "yesterday"})"), nullptr);
  ASSERT_FALSE(errors.empty());
  for (const auto& error : errors)
    EXPECT_TRUE(error.path == "size" || error.path == "when") << error.to_string();
  boost::json::value defaulted = boost::json::parse(R"({"note": "x"})");
  compiled.apply_defaults(defaulted);
  EXPECT_EQ(defaulted.at("count"), 1);
}

}  // namespace
}  // namespace ckpt::kubeapi
