// The HTTPS API as clients see it: authentication and authorization, CRUD status codes and
// Status bodies, the status subresource, merge patch, field validation modes, discovery,
// OpenAPI, tables and the CRD documents.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

using testing::backup_manifest;
using testing::cluster_manifest;
using testing::cnpg_path;
using testing::kReaderToken;
using testing::Reply;

constexpr const char* kTableAccept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/"
    "json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

class HttpApiTest : public testing::KubeApiTest {
 protected:
  void expect_status(const Reply& reply, int code, const std::string& status_reason) {
    EXPECT_EQ(reply.status, code) << reply.raw.body;
    ASSERT_TRUE(reply.json.is_object()) << reply.raw.body;
    EXPECT_EQ(reply.text("kind"), "Status");
    EXPECT_EQ(reply.text("apiVersion"), "v1");
    EXPECT_EQ(reply.text("status"), "Failure");
    EXPECT_EQ(reply.text("reason"), status_reason);
    EXPECT_EQ(reply.object().at("code"), code);
    EXPECT_TRUE(reply.object().at("metadata").as_object().empty());
  }
};

TEST_F(HttpApiTest, RequestsWithoutAKnownTokenAreUnauthorized) {
  for (const std::string token : {"", "wrong-token"}) {
    const Reply reply = call("GET", cnpg_path("backups"), std::string(), token);
    expect_status(reply, 401, "Unauthorized");
    EXPECT_EQ(reply.text("message"), "Unauthorized");
  }
}

TEST_F(HttpApiTest, AReadOnlyTokenMayReadButNotWrite) {
  EXPECT_EQ(call("GET", cnpg_path("backups"), std::string(), kReaderToken).status, 200);
  const Reply reply = call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db"), kReaderToken);
  expect_status(reply, 403, "Forbidden");
  EXPECT_EQ(reply.text("message"),
            "backups.postgresql.cnpg.io is forbidden: User \"test-reader\" cannot create resource "
            "\"backups\" in API "
            "group \"postgresql.cnpg.io\" in the namespace \"develop\"");
  EXPECT_FALSE(server->store().get({"backups.postgresql.cnpg.io", "develop", "b1"}));
}

TEST_F(HttpApiTest, CreateGetAndTheirErrors) {
  const Reply created = call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db"));
  ASSERT_EQ(created.status, 201) << created.raw.body;
  EXPECT_EQ(metadata_field(created.object(), "name"), "b1");
  EXPECT_FALSE(metadata_field(created.object(), "uid").empty());

  const Reply fetched = call("GET", cnpg_path("backups", "b1"));
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.json, created.json);

  const Reply duplicate = call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db"));
  expect_status(duplicate, 409, "AlreadyExists");
  EXPECT_EQ(duplicate.text("message"), "backups.postgresql.cnpg.io \"b1\" already exists");

  const Reply missing = call("GET", cnpg_path("backups", "nope"));
  expect_status(missing, 404, "NotFound");
  EXPECT_EQ(missing.text("message"), "backups.postgresql.cnpg.io \"nope\" not found");
  EXPECT_EQ(missing.object().at("details"),
            boost::json::parse(R"({"group":"postgresql.cnpg.io","kind":"backups","name":"nope"})"));
}

TEST_F(HttpApiTest, ABodyForAnotherKindOrNamespaceIsABadRequest) {
  auto wrong_kind = backup_manifest("b1", "orders-db");
  wrong_kind["apiVersion"] = "postgresql.cnpg.io/v2";
  expect_status(call("POST", cnpg_path("backups"), wrong_kind), 400, "BadRequest");
  expect_status(call("POST", cnpg_path("backups"), cluster_manifest("c1")), 400, "BadRequest");
  const Reply other_namespace =
      call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db", "default"));
  expect_status(other_namespace, 400, "BadRequest");
  EXPECT_EQ(other_namespace.text("message"),
            "the namespace of the provided object does not match the namespace sent on the request");
  expect_status(call("POST", cnpg_path("backups"), std::string("{not json")), 400, "BadRequest");
}

TEST_F(HttpApiTest, AnInvalidBodyIs422WithTheFieldPath) {
  SKIP_WITHOUT_CRDS();
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object()["method"] = "tape";
  const Reply reply = call("POST", cnpg_path("backups"), backup);
  expect_status(reply, 422, "Invalid");
  EXPECT_EQ(reply.text("message").rfind("Backup.postgresql.cnpg.io \"b1\" is invalid: spec.method: ", 0), 0u)
      << reply.text("message");
}

TEST_F(HttpApiTest, PutReplacesOnlyAtTheCurrentResourceVersionAndIgnoresStatus) {
  const Reply created = call("POST", cnpg_path("clusters"), cluster_manifest("c1"));
  ASSERT_EQ(created.status, 201);
  auto body = created.object();
  body["spec"].as_object()["instances"] = 3;
  body["status"] = {{"phase", "not through the main resource"}};
  const Reply replaced = call("PUT", cnpg_path("clusters", "c1"), body);
  ASSERT_EQ(replaced.status, 200) << replaced.raw.body;
  EXPECT_EQ(replaced.object().at("spec").at("instances"), 3);
  EXPECT_EQ(replaced.object().at("metadata").at("generation"), 2);
  EXPECT_FALSE(replaced.object().contains("status"));

  expect_status(call("PUT", cnpg_path("clusters", "c1"), body), 409, "Conflict");

  auto renamed = replaced.object();
  renamed["metadata"].as_object()["name"] = "c2";
  expect_status(call("PUT", cnpg_path("clusters", "c1"), renamed), 400, "BadRequest");
}

TEST_F(HttpApiTest, TheStatusSubresourceChangesOnlyTheStatus) {
  const Reply created = call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db"));
  auto body = created.object();
  body["status"] = {{"phase", "started"}};
  body["spec"].as_object()["target"] = "primary";
  const Reply put = call("PUT", cnpg_path("backups", "b1") + "/status", body);
  ASSERT_EQ(put.status, 200) << put.raw.body;
  EXPECT_EQ(put.object().at("status").at("phase"), "started");
  EXPECT_FALSE(put.object().at("spec").as_object().contains("target"));

  const Reply patched = call("PATCH", cnpg_path("backups", "b1") + "/status",
                             std::string(R"({"status":{"phase":"completed","backupId":"20260115T103001"}})"));
  ASSERT_EQ(patched.status, 200) << patched.raw.body;
  EXPECT_EQ(patched.object().at("status").at("phase"), "completed");
  EXPECT_EQ(patched.object().at("status").at("backupId"), "20260115T103001");
  EXPECT_EQ(call("GET", cnpg_path("backups", "b1") + "/status").json, patched.json);
}

TEST_F(HttpApiTest, MergePatchOfTheMainResource) {
  ASSERT_EQ(call("POST", cnpg_path("clusters"), cluster_manifest("c1")).status, 201);
  const Reply patched =
      call("PATCH", cnpg_path("clusters", "c1"),
           std::string(R"({"metadata":{"labels":{"team":"payments"}},"spec":{"instances":2}})"));
  ASSERT_EQ(patched.status, 200) << patched.raw.body;
  EXPECT_EQ(patched.object().at("metadata").at("labels").at("team"), "payments");
  EXPECT_EQ(patched.object().at("spec").at("instances"), 2);

  const Reply strategic =
      call("PATCH", cnpg_path("clusters", "c1"), std::string(R"({"spec":{}})"), testing::kWriterToken,
           {{"Content-Type", "application/strategic-merge-patch+json"}});
  expect_status(strategic, 415, "UnsupportedMediaType");
  expect_status(call("PATCH", cnpg_path("clusters", "nope"), std::string("{}")), 404, "NotFound");
}

TEST_F(HttpApiTest, DeleteReturnsTheObjectThenNotFound) {
  ASSERT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db")).status, 201);
  const Reply deleted = call("DELETE", cnpg_path("backups", "b1"));
  ASSERT_EQ(deleted.status, 200);
  EXPECT_EQ(metadata_field(deleted.object(), "name"), "b1");
  expect_status(call("DELETE", cnpg_path("backups", "b1")), 404, "NotFound");
  expect_status(call("DELETE", cnpg_path("backups")), 405, "MethodNotAllowed");
}

TEST_F(HttpApiTest, ListsFilterByLabelsAndCarryTheResourceVersion) {
  auto labelled = backup_manifest("b1", "orders-db");
  labelled["metadata"].as_object()["labels"] = {{"pitr.example.io/checkpoint-id", "ckpt-7f3a"}};
  ASSERT_EQ(call("POST", cnpg_path("backups"), labelled).status, 201);
  ASSERT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b2", "orders-db")).status, 201);

  const Reply all = call("GET", "/apis/postgresql.cnpg.io/v1/backups");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.text("kind"), "BackupList");
  EXPECT_EQ(all.object().at("items").as_array().size(), 2u);
  EXPECT_EQ(all.object().at("metadata").at("resourceVersion").as_string(),
            std::to_string(server->store().resource_version()));

  const Reply selected =
      call("GET", cnpg_path("backups") + "?labelSelector=pitr.example.io%2Fcheckpoint-id%3Dckpt-7f3a");
  ASSERT_EQ(selected.object().at("items").as_array().size(), 1u);
  EXPECT_EQ(metadata_field(selected.object().at("items").at(0).as_object(), "name"), "b1");
  expect_status(call("GET", cnpg_path("backups") + "?labelSelector=a%20in%20b"), 400, "BadRequest");
}

TEST_F(HttpApiTest, FieldValidationModes) {
  SKIP_WITHOUT_CRDS();
  auto backup = backup_manifest("b1", "orders-db");
  backup["spec"].as_object()["retries"] = 3;
  expect_status(call("POST", cnpg_path("backups"), backup), 400, "BadRequest");
  expect_status(call("POST", cnpg_path("backups") + "?fieldValidation=Strict", backup), 400, "BadRequest");

  const Reply warned = call("POST", cnpg_path("backups") + "?fieldValidation=Warn", backup);
  ASSERT_EQ(warned.status, 201) << warned.raw.body;
  EXPECT_EQ(warned.raw.header("Warning"), "299 - \"unknown field \\\"spec.retries\\\"\"");
  EXPECT_FALSE(warned.object().at("spec").as_object().contains("retries"));

  backup["metadata"].as_object()["name"] = "b2";
  const Reply ignored = call("POST", cnpg_path("backups") + "?fieldValidation=Ignore", backup);
  ASSERT_EQ(ignored.status, 201);
  EXPECT_EQ(ignored.raw.header("Warning"), "");
  expect_status(call("POST", cnpg_path("backups") + "?fieldValidation=Loose", backup), 400, "BadRequest");
  expect_status(call("POST", cnpg_path("backups") + "?dryRun=All", backup), 400, "BadRequest");
}

TEST_F(HttpApiTest, TablesFollowThePrinterColumns) {
  ASSERT_EQ(call("POST", cnpg_path("backups"), backup_manifest("b1", "orders-db")).status, 201);
  ASSERT_TRUE(server->store().patch_status({"backups.postgresql.cnpg.io", "develop", "b1"},
                                           boost::json::parse(R"({"status":{"phase":"completed"}})")));
  const Reply table =
      call("GET", cnpg_path("backups"), std::string(), testing::kWriterToken, {{"Accept", kTableAccept}});
  ASSERT_EQ(table.status, 200) << table.raw.body;
  EXPECT_EQ(table.text("kind"), "Table");
  EXPECT_EQ(table.text("apiVersion"), "meta.k8s.io/v1");
  std::vector<std::string> columns;
  for (const auto& column : table.object().at("columnDefinitions").as_array()) {
    columns.emplace_back(column.at("name").as_string());
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"Name", "Age", "Cluster", "Method", "Phase", "Error"}));
  const auto& row = table.object().at("rows").at(0).as_object();
  const auto& cells = row.at("cells").as_array();
  EXPECT_EQ(cells.at(0), "b1");
  EXPECT_TRUE(cells.at(1).is_string());
  EXPECT_EQ(cells.at(2), "orders-db");
  EXPECT_EQ(cells.at(3), "plugin");
  EXPECT_EQ(cells.at(4), "completed");
  EXPECT_TRUE(cells.at(5).is_null());
  EXPECT_EQ(row.at("object").at("kind"), "PartialObjectMetadata");
  EXPECT_EQ(row.at("object").at("metadata").at("name"), "b1");

  const Reply one = call("GET", cnpg_path("backups", "b1") + "?includeObject=Object", std::string(),
                         testing::kWriterToken, {{"Accept", kTableAccept}});
  EXPECT_EQ(one.object().at("rows").at(0).at("object").at("kind"), "Backup");
  expect_status(call("GET", cnpg_path("backups"), std::string(), testing::kWriterToken,
                     {{"Accept", "application/vnd.kubernetes.protobuf"}}),
                406, "NotAcceptable");
}

TEST_F(HttpApiTest, DiscoveryDescribesTheServedResources) {
  const Reply version = call("GET", "/version");
  EXPECT_EQ(version.text("major"), "1");
  EXPECT_EQ(call("GET", "/api").object().at("versions"), boost::json::parse(R"(["v1"])"));

  const Reply groups = call("GET", "/apis", std::string(), testing::kWriterToken,
                            {{"Accept",
                              "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                              "application/json"}});
  EXPECT_EQ(groups.raw.content_type, "application/json") << "clients fall back to legacy discovery";
  EXPECT_EQ(groups.text("kind"), "APIGroupList");
  std::vector<std::string> names;
  for (const auto& group : groups.object().at("groups").as_array())
    names.emplace_back(group.at("name").as_string());
  for (const char* expected : {"apiextensions.k8s.io", "postgresql.cnpg.io", "barmancloud.cnpg.io"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }

  const Reply resources = call("GET", "/apis/postgresql.cnpg.io/v1");
  EXPECT_EQ(resources.text("kind"), "APIResourceList");
  EXPECT_EQ(resources.text("groupVersion"), "postgresql.cnpg.io/v1");
  std::map<std::string, boost::json::object> by_name;
  for (const auto& resource : resources.object().at("resources").as_array()) {
    by_name[std::string(resource.at("name").as_string())] = resource.as_object();
  }
  for (const char* expected :
       {"clusters", "clusters/status", "backups", "backups/status", "scheduledbackups"}) {
    EXPECT_TRUE(by_name.contains(expected)) << expected;
  }
  EXPECT_EQ(by_name["backups"].at("kind"), "Backup");
  EXPECT_EQ(by_name["backups"].at("singularName"), "backup");
  EXPECT_EQ(by_name["backups"].at("namespaced"), true);
  EXPECT_EQ(by_name["backups"].at("verbs"),
            boost::json::parse(R"(["create","delete","get","list","patch","update","watch"])"));
  EXPECT_EQ(by_name["backups/status"].at("verbs"), boost::json::parse(R"(["get","patch","update"])"));

  const Reply core = call("GET", "/api/v1");
  EXPECT_NE(core.raw.body.find("\"name\":\"namespaces\""), std::string::npos);
  EXPECT_NE(core.raw.body.find("\"name\":\"secrets\""), std::string::npos);
  EXPECT_NE(call("GET", "/apis/barmancloud.cnpg.io/v1").raw.body.find("\"name\":\"objectstores\""),
            std::string::npos);
  expect_status(call("GET", "/apis/nothing.example.io/v1"), 404, "NotFound");
  expect_status(call("GET", "/no/such/path"), 404, "NotFound");
}

TEST_F(HttpApiTest, OpenApiV3TellsKubectlThatTheServerValidatesFields) {
  const Reply index = call("GET", "/openapi/v3");
  const std::string url(
      index.object().at("paths").at("apis/postgresql.cnpg.io/v1").at("serverRelativeURL").as_string());
  const Reply document = call("GET", url);
  ASSERT_EQ(document.status, 200);
  const auto& patch = document.object()
                          .at("paths")
                          .at("/apis/postgresql.cnpg.io/v1/namespaces/{namespace}/backups/{name}")
                          .at("patch");
  EXPECT_EQ(patch.at("x-kubernetes-group-version-kind"),
            boost::json::parse(R"({"group":"postgresql.cnpg.io","version":"v1","kind":"Backup"})"));
  EXPECT_NE(boost::json::serialize(patch.at("parameters")).find("\"fieldValidation\""), std::string::npos);
  EXPECT_TRUE(
      document.object().at("components").at("schemas").as_object().contains("io.cnpg.postgresql.v1.Backup"));
}

TEST_F(HttpApiTest, TheCrdsAreServed) {
  SKIP_WITHOUT_CRDS();
  const Reply crd =
      call("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/backups.postgresql.cnpg.io");
  ASSERT_EQ(crd.status, 200) << crd.raw.body;
  EXPECT_EQ(crd.text("kind"), "CustomResourceDefinition");
  const auto& schema = crd.object().at("spec").at("versions").at(0).at("schema").at("openAPIV3Schema");
  EXPECT_TRUE(schema.at("properties").as_object().contains("spec"));
  EXPECT_EQ(call("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
                .object()
                .at("items")
                .as_array()
                .size(),
            4u);
  expect_status(
      call("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/backups.postgresql.cnpg.io"),
      405, "MethodNotAllowed");
}

TEST_F(HttpApiTest, NamespacesAndSecrets) {
  const Reply namespaces = call("GET", "/api/v1/namespaces");
  EXPECT_EQ(namespaces.object().at("items").as_array().size(), 2u);
  ASSERT_EQ(call("POST", "/api/v1/namespaces",
                 std::string(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"payments"}})"))
                .status,
            201);
  EXPECT_EQ(call("GET", "/api/v1/namespaces/payments").object().at("status").at("phase"), "Active");
  expect_status(call("DELETE", "/api/v1/namespaces/payments"), 405, "MethodNotAllowed");
  expect_status(call("POST", "/api/v1/namespaces",
                     std::string(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}})")),
                422, "Invalid");

  const Reply secret =
      call("POST", "/api/v1/namespaces/develop/secrets",
           std::string(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"orders-db-app"},)"
                       R"("stringData":{"username":"app"}})"));
  ASSERT_EQ(secret.status, 201) << secret.raw.body;
  EXPECT_EQ(secret.object().at("data").at("username"), "YXBw");
  expect_status(call("POST", "/apis/postgresql.cnpg.io/v1/namespaces/nowhere/backups",
                     backup_manifest("b1", "orders-db", "nowhere")),
                404, "NotFound");
}

}  // namespace
}  // namespace ckpt::kubeapi
