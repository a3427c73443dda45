// What a recovery Cluster's status says: primary up, healthy, or failed for good.
#include "engine/cnpg/cluster_milestones.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine::cnpg {
namespace {

ckpt::cnpg::ClusterStatus status_of(std::string phase, std::string reason = {}) {
  ckpt::cnpg::ClusterStatus status;
  status.namespace_name = "develop";
  status.name = "orders-db-pitr-c1";
  status.phase = std::move(phase);
  status.phase_reason = std::move(reason);
  return status;
}

TEST(ClusterMilestones, SettingUpPrimaryIsNothingYet) {
  auto status = status_of("Setting up primary", "Creating primary instance orders-db-pitr-c1-1");
  status.conditions.push_back({"Initialized", "False", "BootstrapPending", ""});
  const auto milestones = read_milestones(status);
  EXPECT_FALSE(milestones.initialized);
  EXPECT_FALSE(milestones.ready);
  EXPECT_FALSE(milestones.failure);
}

TEST(ClusterMilestones, InitializedByConditionOrByAReadyInstance) {
  auto by_condition = status_of("Setting up primary");
  by_condition.conditions.push_back({"Initialized", "True", "BootstrapCompleted", ""});
  EXPECT_TRUE(read_milestones(by_condition).initialized);
  auto by_instance = status_of("Waiting for the instances to become active");
  by_instance.ready_instances = 1;
  EXPECT_TRUE(read_milestones(by_instance).initialized);
  EXPECT_FALSE(read_milestones(by_instance).ready);
}

TEST(ClusterMilestones, ReadyNeedsTheHealthyPhaseAndReadyTrue) {
  auto status = status_of("Cluster in healthy state");
  status.conditions.push_back({"Ready", "False", "ClusterIsNotReady", ""});
  EXPECT_FALSE(read_milestones(status).ready);
  status.conditions.back().status = "True";
  const auto milestones = read_milestones(status);
  EXPECT_TRUE(milestones.ready);
  EXPECT_TRUE(milestones.initialized);
}

TEST(ClusterMilestones, UnrecoverableAndInvalidDefinitionAreFailures) {
  const auto unrecoverable = read_milestones(status_of(
      "Cluster is unrecoverable and needs manual intervention",
      "Instance creation failed for the following jobs: orders-db-pitr-c1-1-full-recovery. Check the job logs"));
  ASSERT_TRUE(unrecoverable.failure);
  EXPECT_NE(unrecoverable.failure->find("orders-db-pitr-c1-1-full-recovery"), std::string::npos);
  const auto invalid = read_milestones(status_of("Invalid cluster definition", "spec.instances: must be > 0"));
  ASSERT_TRUE(invalid.failure);
  EXPECT_EQ(*invalid.failure, "cluster orders-db-pitr-c1 has an invalid definition: spec.instances: must be > 0");
}

}  // namespace
}  // namespace ckpt::engine::cnpg
