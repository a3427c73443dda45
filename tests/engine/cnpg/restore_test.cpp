// plan_restore and restore against the Kubernetes API test server, the test playing the
// operator: the recovery Cluster is recorded before it is applied, applied once (a
// restart continues with the same object), adopted or refused on a name clash, failed
// fast when CNPG gives up and by the deadline when it hangs; cut-over is refused.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "cnpg/recovery_cluster.hpp"
#include "cnpg_engine_fixture.hpp"
#include "engine/recording_observer.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class CnpgRestoreTest : public CnpgApiTest {
 protected:
  void SetUp() override {
    CnpgApiTest::SetUp();
    if (HasFatalFailure()) return;
    create_source_cluster(healthy_cluster_status());
  }

  // Calls `react(name)` on the feed thread for every recovery Cluster created from now on.
  kubeapi::ChangeFeed::Subscription operate(std::function<void(const std::string&)> react) {
    return server->on_change([this, react = std::move(react)](const kubeapi::ChangeEvent& event) {
      if (event.type != kubeapi::EventType::added || event.resource->plural != "clusters") return;
      ++clusters_created;
      react(event.name());
    });
  }

  void setting_up_primary(const std::string& name) {
    boost::json::object status{
        {"phase", "Setting up primary"},
        {"phaseReason", "Creating primary instance " + name + "-1"},
        {"conditions", boost::json::array{condition("Ready", "False", "ClusterIsNotReady", "Cluster Is Not Ready"),
                                          condition("Initialized", "False", "BootstrapPending", "")}}};
    set_status(kClustersResource, name, status);
  }

  std::atomic<int> clusters_created{0};
};

TEST_F(CnpgRestoreTest, PlanShowsTheRecoveryClusterWithoutCreatingIt) {
  auto plan = run(make_engine()->plan_restore(ready_checkpoint("p1"), {}));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->engine, "cnpg");
  EXPECT_EQ(plan->target, "orders-db-pitr-p1");
  EXPECT_EQ(plan->base_backup, "20260115T103001 (Backup orders-db-ckpt-p1)");
  EXPECT_EQ(plan->recovery_target, "lsn 0/3000148 (exclusive) on timeline 1, restore point checkpointd-p1");
  EXPECT_NE(plan->manifest.find("  name: orders-db-pitr-p1\n"), std::string::npos) << plan->manifest;
  EXPECT_NE(plan->manifest.find("backupID: \"20260115T103001\""), std::string::npos) << plan->manifest;
  EXPECT_NE(plan->manifest.find("serverName: orders-db\n"), std::string::npos) << plan->manifest;
  ASSERT_EQ(plan->steps.size(), 5U);
  EXPECT_NE(plan->steps.back().find("point the application at orders-db-pitr-p1-rw"), std::string::npos);
  EXPECT_EQ(count(kClustersResource), 1U) << "a plan creates nothing";
}

TEST_F(CnpgRestoreTest, CutOverIsRefusedPointingAtTheReadWriteService) {
  const engine::RestoreOptions cutover{true, "manual"};
  auto plan = run(make_engine()->plan_restore(ready_checkpoint("p2"), cutover));
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, ErrorCode::bad_request);
  EXPECT_EQ(plan.error().message,
            "the cnpg engine does not cut over: CNPG never restores in place, so the restored database is the new "
            "Cluster develop/orders-db-pitr-p2 and the source stays as it is; restore without --cutover, then point "
            "the application at the read-write service orders-db-pitr-p2-rw in namespace develop");
  RecordingObserver observer;
  auto restored = run(make_engine()->restore(ready_checkpoint("p2"), cutover, observer));
  ASSERT_FALSE(restored);
  EXPECT_EQ(restored.error().code, ErrorCode::bad_request);
  EXPECT_TRUE(observer.targets.empty());
  EXPECT_EQ(count(kClustersResource), 1U);
}

TEST_F(CnpgRestoreTest, RecordsTheTargetAppliesOnceAndEndsAHangingRestoreAtTheDeadline) {
  auto subscription = operate([this](const std::string& name) { setting_up_primary(name); });
  cluster.deadlines.restore = 1s;
  RecordingObserver observer;
  const auto started = Clock::now();
  auto restored = run(make_engine()->restore(ready_checkpoint("p3"), {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_LT(Clock::now() - started, 4s);
  EXPECT_EQ(restored.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(restored.error().message.find("Cluster develop/orders-db-pitr-p3 did not become healthy within the "
                                          "restore deadline of 1s (deadlines.restore); last phase 'Setting up "
                                          "primary' (Creating primary instance orders-db-pitr-p3-1)"),
            std::string::npos)
      << restored.error().message;
  ASSERT_EQ(observer.targets.size(), 1U);
  EXPECT_EQ(observer.targets[0], (std::pair<std::string, int>{"orders-db-pitr-p3", 0}));
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"applied"}));
  EXPECT_EQ(clusters_created, 1);
  const auto applied = stored(kClustersResource, "orders-db-pitr-p3");
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->at("spec").at("bootstrap").at("recovery").at("recoveryTarget").at("targetLSN"), "0/3000148");

  // A restarted daemon resumes the same restore: the same Cluster, no second one.
  auto checkpoint = ready_checkpoint("p3");
  checkpoint.restore = observer.record();
  RecordingObserver resumed;
  auto again = run(make_engine()->restore(checkpoint, {}, resumed));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::deadline_exceeded);
  EXPECT_TRUE(resumed.targets.empty()) << "the recorded target is kept";
  EXPECT_TRUE(resumed.phases.empty());
  EXPECT_EQ(clusters_created, 1);
}

TEST_F(CnpgRestoreTest, FailsFastWhenCnpgGivesUp) {
  auto subscription = operate([this](const std::string& name) {
    setting_up_primary(name);
    boost::json::object status{
        {"phase", "Cluster is unrecoverable and needs manual intervention"},
        {"phaseReason", "Instance creation failed for the following jobs: " + name +
                            "-1-full-recovery. Check the job logs. FATAL: recovery ended before configured recovery "
                            "target was reached"}};
    set_status(kClustersResource, name, status);
  });
  RecordingObserver observer;
  const auto started = Clock::now();
  auto restored = run(make_engine()->restore(ready_checkpoint("p4"), {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_LT(Clock::now() - started, 5s) << "the restore deadline is 60 s; CNPG's verdict must end it at once";
  EXPECT_EQ(restored.error().code, ErrorCode::failed);
  EXPECT_NE(restored.error().message.find("orders-db-pitr-p4-1-full-recovery. Check the job logs. FATAL: recovery "
                                          "ended before configured recovery target was reached"),
            std::string::npos)
      << restored.error().message;
  EXPECT_TRUE(stored(kClustersResource, "orders-db-pitr-p4")) << "kept for inspection";
}

TEST_F(CnpgRestoreTest, FailsFastOnAnInvalidDefinition) {
  auto subscription = operate([this](const std::string& name) {
    set_status(kClustersResource, name,
               {{"phase", "Invalid cluster definition"}, {"phaseReason", "unknown plugin barman-cloud"}});
  });
  RecordingObserver observer;
  auto restored = run(make_engine()->restore(ready_checkpoint("p5"), {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_NE(restored.error().message.find("cluster orders-db-pitr-p5 has an invalid definition: unknown plugin "
                                          "barman-cloud"),
            std::string::npos)
      << restored.error().message;
}

TEST_F(CnpgRestoreTest, AdoptsItsOwnClusterAndRefusesAForeignOne) {
  const auto source = stored(kClustersResource, kSourceCluster);
  ASSERT_TRUE(source);
  auto own = ckpt::cnpg::render_recovery_cluster(*source, *cluster.cnpg, ready_checkpoint("p6"), 1);
  ASSERT_TRUE(own) << own.error().message;
  ASSERT_TRUE(server->store().create(*own));
  setting_up_primary("orders-db-pitr-p6");
  auto subscription = operate([](const std::string&) {});
  cluster.deadlines.restore = 500ms;
  RecordingObserver observer;
  auto adopted = run(make_engine()->restore(ready_checkpoint("p6"), {}, observer));
  ASSERT_FALSE(adopted);
  EXPECT_EQ(adopted.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"applied"}));
  ASSERT_FALSE(observer.notes.empty());
  EXPECT_EQ(observer.notes[0], "adopted Cluster develop/orders-db-pitr-p6, created for this checkpoint before");
  EXPECT_EQ(clusters_created, 0);

  boost::json::object foreign{{"apiVersion", "postgresql.cnpg.io/v1"},
                              {"kind", "Cluster"},
                              {"metadata", {{"name", "orders-db-pitr-p7"}, {"namespace", kNamespace}}},
                              {"spec", {{"instances", 1}, {"storage", {{"size", "1Gi"}}}}}};
  auto created = server->store().create(foreign);
  ASSERT_TRUE(created) << created.error().message;
  RecordingObserver refused_observer;
  auto refused = run(make_engine()->restore(ready_checkpoint("p7"), {}, refused_observer));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().message.find("Cluster develop/orders-db-pitr-p7 already exists and was not created by "
                                         "checkpointd for checkpoint p7"),
            std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(refused_observer.phases.empty());
  EXPECT_EQ(stored(kClustersResource, "orders-db-pitr-p7")->at("metadata").at("resourceVersion"),
            created->at("metadata").at("resourceVersion"));
}

TEST_F(CnpgRestoreTest, AClusterDeletedAfterItWasAppliedIsNeverCreatedAgain) {
  auto checkpoint = ready_checkpoint("p8");
  RestoreRecord record;
  record.target = "orders-db-pitr-p8";
  record.phases.push_back({"started", std::chrono::system_clock::now()});
  record.phases.push_back({"applied", std::chrono::system_clock::now()});
  checkpoint.restore = record;
  auto subscription = operate([](const std::string&) {});
  RecordingObserver observer;
  auto restored = run(make_engine()->restore(checkpoint, {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_EQ(restored.error().code, ErrorCode::failed);
  EXPECT_NE(restored.error().message.find("was applied earlier but no longer exists"), std::string::npos)
      << restored.error().message;
  EXPECT_EQ(clusters_created, 0);
}

}  // namespace
}  // namespace ckpt::test
