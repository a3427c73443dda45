// preflight: a checkpoint starts only on a healthy source Cluster with working WAL
// archiving whose database answers; every refusal names the reason and the fix.
#include <gtest/gtest.h>

#include "cnpg_engine_fixture.hpp"

namespace ckpt::test {
namespace {

class CnpgPreflightTest : public CnpgApiTest {};
class CnpgPreflightDatabaseTest : public CnpgDatabaseTest {};

TEST_F(CnpgPreflightTest, AMissingSourceClusterIsUnreachableNamingIt) {
  auto checked = run(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::refused);
  EXPECT_EQ(checked.error().reason, "cluster_unreachable");
  EXPECT_TRUE(checked.error().message.starts_with("source Cluster develop/orders-db does not exist ("))
      << checked.error().message;
  EXPECT_NE(checked.error().message.find("check clusters[].cnpg.namespace and clusters[].cnpg.cluster"),
            std::string::npos);
}

TEST_F(CnpgPreflightTest, RejectedCredentialsAreUnreachableNamingTheIdentity) {
  create_source_cluster(healthy_cluster_status());
  auto stranger = make_client("not-a-known-token");
  auto checked = run(make_engine(*stranger)->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().reason, "cluster_unreachable");
  EXPECT_TRUE(checked.error().message.starts_with("checkpointd may not read the source Cluster develop/orders-db: "))
      << checked.error().message;
  EXPECT_NE(checked.error().message.find("bearer token"), std::string::npos) << checked.error().message;
}

TEST_F(CnpgPreflightTest, AnUnhealthyClusterIsRefused) {
  boost::json::object status{
      {"phase", "Setting up primary"},
      {"phaseReason", "Creating primary instance orders-db-1"},
      {"conditions", boost::json::array{condition("Ready", "False", "ClusterIsNotReady", "Cluster Is Not Ready")}}};
  create_source_cluster(status);
  auto checked = run(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::refused);
  EXPECT_EQ(checked.error().reason, "cluster_not_healthy");
  EXPECT_EQ(checked.error().message,
            "cluster orders-db is not healthy: phase 'Setting up primary' (Creating primary instance orders-db-1), "
            "Ready=False (reason ClusterIsNotReady: Cluster Is Not Ready); wait until `kubectl cnpg status orders-db "
            "-n develop` shows it healthy");
}

TEST_F(CnpgPreflightTest, FailingArchivingIsRefused) {
  create_source_cluster(healthy_cluster_status(false, "unexpected failure invoking barman-cloud-wal-archive"));
  auto checked = run(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().reason, "wal_archive_failing");
  EXPECT_EQ(checked.error().message,
            "WAL archiving of cluster orders-db is not working: ContinuousArchiving=False (reason "
            "ContinuousArchivingFailing: unexpected failure invoking barman-cloud-wal-archive); fix WAL archiving "
            "before a migration relies on it");
}

TEST_F(CnpgPreflightTest, AnUnreachableDatabaseIsRefused) {
  create_source_cluster(healthy_cluster_status());
  auto checked = run(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().reason, "cluster_unreachable");
  EXPECT_TRUE(checked.error().message.starts_with(
      "the database of the source Cluster develop/orders-db does not answer through its read-write service: "))
      << checked.error().message;
}

TEST_F(CnpgPreflightDatabaseTest, AHealthyArchivingClusterWhoseDatabaseAnswersPasses) {
  create_source_cluster(healthy_cluster_status());
  auto checked = run(make_engine()->preflight());
  EXPECT_TRUE(checked) << checked.error().message;
}

}  // namespace
}  // namespace ckpt::test
