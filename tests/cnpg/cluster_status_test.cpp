// A Cluster's status: healthy, still setting up its primary, unrecoverable, archiving
// failing, and the sentences a refusal shows.
#include "cnpg/cluster_status.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ckpt::cnpg {
namespace {

boost::json::object cluster_with_status(const std::string& name, const std::string& status_json) {
  auto cluster = boost::json::parse(R"({"apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster",
      "metadata": {"namespace": "payments"}, "spec": {"instances": 3}})")
                     .as_object();
  cluster["metadata"].as_object()["name"] = name;
  if (!status_json.empty()) cluster["status"] = boost::json::parse(status_json);
  return cluster;
}

ClusterStatus parse(const std::string& name, const std::string& status_json) {
  auto status = parse_cluster_status(cluster_with_status(name, status_json));
  EXPECT_TRUE(status.ok()) << status.error().message;
  return status.ok() ? status.value() : ClusterStatus{};
}

constexpr const char* kHealthy = R"({
  "phase": "Cluster in healthy state", "instances": 3, "readyInstances": 3,
  "currentPrimary": "orders-db-1", "targetPrimary": "orders-db-1", "timelineID": 2,
  "conditions": [
    {"type": "Ready", "status": "True", "reason": "ClusterIsReady", "message": "Cluster is Ready"},
    {"type": "ContinuousArchiving", "status": "True", "reason": "ContinuousArchivingSuccess",
     "message": "Continuous archiving is working"},
    {"type": "LastBackupSucceeded", "status": "True", "reason": "LastBackupSucceeded", "message": ""}]})";

TEST(ClusterStatus, ReadsAHealthyCluster) {
  const auto status = parse("orders-db", kHealthy);
  EXPECT_EQ(status.name, "orders-db");
  EXPECT_EQ(status.namespace_name, "payments");
  EXPECT_EQ(status.phase, "Cluster in healthy state");
  EXPECT_EQ(status.instances, 3);
  EXPECT_EQ(status.ready_instances, 3);
  EXPECT_EQ(status.current_primary, "orders-db-1");
  EXPECT_EQ(status.timeline_id, 2U);
  ASSERT_NE(status.condition("LastBackupSucceeded"), nullptr);
  EXPECT_EQ(status.condition("LastBackupSucceeded")->reason, "LastBackupSucceeded");
  EXPECT_EQ(status.condition("Initialized"), nullptr);
  EXPECT_TRUE(is_healthy(status));
  EXPECT_TRUE(archiving_ok(status));
  EXPECT_FALSE(is_unrecoverable(status));
}

TEST(ClusterStatus, ARecoveryClusterSettingUpItsPrimaryIsNotHealthyYet) {
  const auto status = parse("orders-db-pitr-a1b2c3d4", R"({
    "phase": "Setting up primary", "phaseReason": "Creating primary instance orders-db-pitr-a1b2c3d4-1",
    "instances": 1, "readyInstances": 0,
    "conditions": [{"type": "Ready", "status": "False", "reason": "ClusterIsNotReady",
                    "message": "Cluster Is Not Ready"}]})");
  EXPECT_FALSE(is_healthy(status));
  EXPECT_FALSE(is_unrecoverable(status));
  EXPECT_EQ(status.timeline_id, 0U);
  EXPECT_EQ(why_not_healthy(status),
            "cluster orders-db-pitr-a1b2c3d4 is not healthy: phase 'Setting up primary' (Creating primary instance "
            "orders-db-pitr-a1b2c3d4-1), Ready=False (reason ClusterIsNotReady: Cluster Is Not Ready)");
}

TEST(ClusterStatus, HealthyPhaseWithoutReadyTrueIsNotHealthy) {
  const auto status = parse("orders-db", R"({"phase": "Cluster in healthy state"})");
  EXPECT_FALSE(is_healthy(status));
  EXPECT_EQ(why_not_healthy(status),
            "cluster orders-db is not healthy: phase 'Cluster in healthy state', no Ready condition");
}

TEST(ClusterStatus, AClusterTheOperatorHasNotReconciledHasNoPhase) {
  const auto status = parse("orders-db-pitr-a1b2c3d4", "");
  EXPECT_FALSE(is_healthy(status));
  EXPECT_FALSE(archiving_ok(status));
  EXPECT_EQ(why_not_healthy(status),
            "cluster orders-db-pitr-a1b2c3d4 is not healthy: no phase reported yet, no Ready condition");
}

TEST(ClusterStatus, RecognisesAnUnrecoverableRecovery) {
  const auto status = parse("orders-db-pitr-a1b2c3d4", R"({
    "phase": "Cluster is unrecoverable and needs manual intervention",
    "phaseReason": "Instance creation failed for the following jobs: orders-db-pitr-a1b2c3d4-1-full-recovery. )"
                      R"(Check the job logs for more details.",
    "conditions": [{"type": "Ready", "status": "False", "reason": "ClusterIsNotReady",
                    "message": "Cluster Is Not Ready"}]})");
  EXPECT_TRUE(is_unrecoverable(status));
  EXPECT_FALSE(is_healthy(status));
  EXPECT_EQ(why_unrecoverable(status),
            "cluster orders-db-pitr-a1b2c3d4 is unrecoverable and needs manual intervention: Instance creation failed "
            "for the following jobs: orders-db-pitr-a1b2c3d4-1-full-recovery. Check the job logs for more details. "
            "(inspect with: kubectl -n payments describe cluster orders-db-pitr-a1b2c3d4)");
}

TEST(ClusterStatus, ExplainsFailingWalArchiving) {
  const auto status = parse("orders-db", R"({"phase": "Cluster in healthy state",
    "conditions": [{"type": "ContinuousArchiving", "status": "False", "reason": "ContinuousArchivingFailing",
                    "message": "unexpected failure invoking barman-cloud-wal-archive: exit status 4"}]})");
  EXPECT_FALSE(archiving_ok(status));
  EXPECT_EQ(why_archiving_fails(status),
            "WAL archiving of cluster orders-db is not working: ContinuousArchiving=False (reason "
            "ContinuousArchivingFailing: unexpected failure invoking barman-cloud-wal-archive: exit status 4)");
  EXPECT_EQ(why_archiving_fails(parse("orders-db", "{}")),
            "WAL archiving of cluster orders-db is not working: no ContinuousArchiving condition");
}

TEST(ClusterStatus, MalformedFieldsAreRejectedByName) {
  const auto error = [](const std::string& status_json) {
    auto status = parse_cluster_status(cluster_with_status("orders-db", status_json));
    EXPECT_FALSE(status.ok());
    return status.ok() ? std::string{} : status.error().message;
  };
  EXPECT_EQ(error(R"({"readyInstances": "3"})"),
            "Cluster payments/orders-db: status.readyInstances must be an integer, got string");
  EXPECT_EQ(error(R"({"timelineID": -1})"),
            "Cluster payments/orders-db: status.timelineID must be a timeline from 0 to 4294967295");
  EXPECT_EQ(error(R"({"conditions": {"type": "Ready"}})"),
            "Cluster payments/orders-db: status.conditions must be an array, got object");
  EXPECT_EQ(error(R"({"conditions": [{"status": "True"}]})"),
            "Cluster payments/orders-db: status.conditions[0].type is missing");
  EXPECT_EQ(error(R"({"phase": 3})"), "Cluster payments/orders-db: status.phase must be a string, got number");
}

}  // namespace
}  // namespace ckpt::cnpg
