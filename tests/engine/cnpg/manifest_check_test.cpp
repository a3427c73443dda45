// Manifests are checked against the CRD the API server serves before they are sent, and
// the recovery Cluster keeps TLS verifiable. The test server validates bodies with the CRD
// files it loaded at start; the CRD *objects* it serves are in its store, so a test can
// make the CRD the engine reads stricter (or remove it) without changing what the server
// itself would accept: a refusal then can only come from the engine, before any write.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "cnpg_engine_fixture.hpp"
#include "engine/cnpg/manifest_validator.hpp"
#include "engine/recording_observer.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;
using boost::json::object;

constexpr const char* kCrdResource = "customresourcedefinitions.apiextensions.k8s.io";

class CnpgManifestCheckTest : public CnpgApiTest {
 protected:
  void SetUp() override {
    CnpgApiTest::SetUp();
    if (HasFatalFailure()) return;
    if (!stored_crd(engine::cnpg::kClustersCrd)) GTEST_SKIP() << "the test server runs without the CNPG CRD files";
    create_source_cluster(healthy_cluster_status());
    logger->sinks().push_back(std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
    logger->set_pattern("%l %v");
  }

  std::optional<object> stored_crd(const std::string& name) const {
    auto found = server->store().get({kCrdResource, "", name});
    if (!found) return std::nullopt;
    return std::move(found).value();
  }

  // The stored CRD with `field` taken out of the v1 schema's spec properties.
  object without_spec_field(const std::string& crd_name, const std::string& field) const {
    auto crd = *stored_crd(crd_name);
    for (auto& version : crd["spec"].as_object()["versions"].as_array()) {
      auto& spec = version.as_object()["schema"]
                       .as_object()["openAPIV3Schema"]
                       .as_object()["properties"]
                       .as_object()["spec"]
                       .as_object();
      spec["properties"].as_object().erase(field);
    }
    return crd;
  }

  void replace_crd(const object& crd) {
    auto replaced = server->store().replace(crd);
    ASSERT_TRUE(replaced) << replaced.error().message;
  }

  void remove_crd(const std::string& name) {
    auto removed = server->store().remove({kCrdResource, "", name});
    ASSERT_TRUE(removed) << removed.error().message;
  }

  void create_crd(object crd) {
    auto& metadata = crd["metadata"].as_object();
    for (const auto* server_owned : {"resourceVersion", "uid", "creationTimestamp"}) metadata.erase(server_owned);
    auto created = server->store().create(std::move(crd));
    ASSERT_TRUE(created) << created.error().message;
  }

  int warnings() const {
    int count = 0;
    std::istringstream lines{log.str()};
    for (std::string line; std::getline(lines, line);) count += line.rfind("warning ", 0) == 0 ? 1 : 0;
    return count;
  }

  std::ostringstream log;
};

TEST_F(CnpgManifestCheckTest, ABackupWithFieldsTheCrdDoesNotKnowIsNeverSent) {
  auto strict = without_spec_field(engine::cnpg::kBackupsCrd, "target");
  for (auto& version : strict["spec"].as_object()["versions"].as_array()) {
    version.as_object()["schema"]
        .as_object()["openAPIV3Schema"]
        .as_object()["properties"]
        .as_object()["spec"]
        .as_object()["properties"]
        .as_object()
        .erase("pluginConfiguration");
  }
  replace_crd(strict);
  const auto writes_before = server->store().resource_version();

  auto backup = run(make_engine()->take_backup(checkpoint_named("m1"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::engine_error);
  const auto& message = backup.error().message;
  EXPECT_NE(message.find("Backup develop/orders-db-ckpt-m1 does not match the schema of CustomResourceDefinition "
                         "backups.postgresql.cnpg.io (version v1) served by the API server, so it was not sent: "),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("spec.target: unknown field"), std::string::npos) << message;
  EXPECT_NE(message.find("spec.pluginConfiguration: unknown field"), std::string::npos) << message;
  EXPECT_EQ(count(kBackupsResource), 0U);
  EXPECT_EQ(server->store().resource_version(), writes_before) << "nothing was written";
}

TEST_F(CnpgManifestCheckTest, ARecoveryClusterWithFieldsTheCrdDoesNotKnowIsRefusedByPlanAndRestore) {
  replace_crd(without_spec_field(engine::cnpg::kClustersCrd, "plugins"));
  const auto writes_before = server->store().resource_version();
  auto engine = make_engine();

  auto plan = run(engine->plan_restore(ready_checkpoint("m2"), {}));
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, ErrorCode::engine_error);
  EXPECT_NE(plan.error().message.find("Cluster develop/orders-db-pitr-m2 does not match the schema of "
                                      "CustomResourceDefinition clusters.postgresql.cnpg.io (version v1)"),
            std::string::npos)
      << plan.error().message;
  EXPECT_NE(plan.error().message.find("spec.plugins: unknown field: the CRD schema does not define it"),
            std::string::npos)
      << plan.error().message;

  RecordingObserver observer;
  auto restored = run(engine->restore(ready_checkpoint("m2"), {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_EQ(restored.error().code, ErrorCode::failed);
  EXPECT_NE(restored.error().message.find("checking the recovery Cluster against its CRD: Cluster "
                                          "develop/orders-db-pitr-m2 does not match"),
            std::string::npos)
      << restored.error().message;
  EXPECT_TRUE(observer.phases.empty()) << "never applied";
  EXPECT_EQ(count(kClustersResource), 1U) << "only the source";
  EXPECT_EQ(server->store().resource_version(), writes_before) << "nothing was written";
}

TEST_F(CnpgManifestCheckTest, TheCrdIsReadOnceFallsBackWhileMissingAndIsReadAgainAfterAFailure) {
  const auto original = *stored_crd(engine::cnpg::kClustersCrd);
  const auto strict = without_spec_field(engine::cnpg::kClustersCrd, "plugins");
  remove_crd(engine::cnpg::kClustersCrd);
  auto engine = make_engine();

  // 404: the manifest passes unchecked, with one warning for the engine.
  EXPECT_TRUE(run(engine->plan_restore(ready_checkpoint("m3"), {})));
  EXPECT_TRUE(run(engine->plan_restore(ready_checkpoint("m3"), {})));
  EXPECT_EQ(warnings(), 1) << log.str();
  EXPECT_NE(log.str().find("cannot read CustomResourceDefinition clusters.postgresql.cnpg.io"), std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("validation falls back to the API server's strict field validation"), std::string::npos)
      << log.str();

  // Read again after the failure: the (strict) CRD is there now and is applied.
  create_crd(strict);
  auto refused = run(engine->plan_restore(ready_checkpoint("m3"), {}));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("spec.plugins: unknown field"), std::string::npos)
      << refused.error().message;

  // Kept once read: the permissive CRD stored now is not read again.
  auto current = *stored_crd(engine::cnpg::kClustersCrd);
  auto permissive = original;
  permissive["metadata"].as_object()["resourceVersion"] = current.at("metadata").at("resourceVersion");
  replace_crd(permissive);
  EXPECT_FALSE(run(engine->plan_restore(ready_checkpoint("m3"), {}))) << "the CRD read before is kept";
  EXPECT_TRUE(run(make_engine()->plan_restore(ready_checkpoint("m3"), {}))) << "a new engine reads it";
  EXPECT_EQ(warnings(), 1) << log.str();
}

TEST_F(CnpgManifestCheckTest, TheRecoveryClusterSharesTheSourcesCaSoVerifyFullIsKept) {
  cluster.cnpg->sslmode = "verify-full";
  auto plan = run(make_engine()->plan_restore(ready_checkpoint("t1"), {}));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_NE(plan->manifest.find("  certificates:\n    serverCASecret: orders-db-ca\n"), std::string::npos)
      << plan->manifest;
  ASSERT_EQ(plan->steps.size(), 5U);
  EXPECT_NE(plan->steps[3].find("with sslmode verify-full as for the source (CNPG signs the new server certificate "
                                "with the source's server CA, Secret orders-db-ca)"),
            std::string::npos)
      << plan->steps[3];
  EXPECT_EQ(warnings(), 0) << log.str();
}

TEST_F(CnpgManifestCheckTest, ASourceWithItsOwnServerCertificateGivesAnEncryptedUnverifiedConnection) {
  cluster.cnpg->sslmode = "verify-full";
  const object certificates{
      {"certificates", {{"serverCASecret", "orders-db-server-ca"}, {"serverTLSSecret", "orders-db-server-tls"}}}};
  const object patch{{"spec", certificates}};
  auto patched = server->store().patch({kClustersResource, kNamespace, kSourceCluster}, patch);
  ASSERT_TRUE(patched) << patched.error().message;
  const std::string why =
      "the connection to Cluster develop/orders-db-pitr-t2 is encrypted but its server is not verified (sslmode "
      "require instead of verify-full)";

  auto plan = run(make_engine()->plan_restore(ready_checkpoint("t2"), {}));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->manifest.find("certificates:"), std::string::npos) << plan->manifest;
  EXPECT_NE(plan->steps[3].find(why), std::string::npos) << plan->steps[3];

  auto subscription = server->on_change([this](const kubeapi::ChangeEvent& event) {
    if (event.type != kubeapi::EventType::added || event.resource->plural != "clusters") return;
    set_status(kClustersResource, event.name(), {{"phase", "Setting up primary"}});
  });
  cluster.deadlines.restore = 500ms;
  RecordingObserver observer;
  auto restored = run(make_engine()->restore(ready_checkpoint("t2"), {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_EQ(restored.error().code, ErrorCode::deadline_exceeded);
  ASSERT_EQ(observer.notes.size(), 2U);
  EXPECT_EQ(observer.notes[1].rfind(why, 0), 0U) << observer.notes[1];
  EXPECT_NE(log.str().find("warning cluster=orders checkpoint=t2 " + why), std::string::npos) << log.str();
}

}  // namespace
}  // namespace ckpt::test
