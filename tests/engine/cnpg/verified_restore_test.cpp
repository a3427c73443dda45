// A whole CNPG checkpoint and restore with real databases: the engine takes the
// checkpoint (the test's pg_basebackup standing for the Backup), the test plays the
// operator and stands a real point-in-time recovery of that backup behind the recovery
// Cluster's read-write "Service", and the engine verifies it: out of recovery, a new
// timeline, the history's switch right before the target, the schema as at the
// checkpoint. Restarts, API faults and failed verifications included.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cnpg_engine_fixture.hpp"
#include "engine/recording_observer.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class CnpgVerifiedRestoreTest : public CnpgDatabaseTest {
 protected:
  void SetUp() override {
    CnpgDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    create_source_cluster(healthy_cluster_status());
    postgres_->exec("CREATE TABLE orders (id bigint PRIMARY KEY, note text NOT NULL DEFAULT '')");
  }

  // Backup (completed by the test from its own base backup), fingerprint and recovery
  // point, each taken through the engine and asserted to succeed.
  Checkpoint take_checkpoint(engine::Engine& engine, const std::string& id, BaseBackup& backup) {
    backup = take_base_backup(id);
    auto subscription = server->on_change([this, &backup](const kubeapi::ChangeEvent& event) {
      if (event.type != kubeapi::EventType::added || event.resource->plural != "backups") return;
      set_status(kBackupsResource, event.name(),
                 completed_backup_status(backup.begin_lsn, backup.end_lsn, std::chrono::system_clock::now() - 2s));
    });
    auto checkpoint = checkpoint_named(id);
    auto taken = run(engine.take_backup(checkpoint, {}));
    EXPECT_TRUE(taken) << taken.error().message;
    if (!taken) return checkpoint;
    checkpoint.backup = taken.value();
    auto fingerprint = run(engine.schema_fingerprint());
    EXPECT_TRUE(fingerprint) << fingerprint.error().message;
    if (fingerprint) checkpoint.schema_fingerprint = fingerprint.value();
    auto point = run(engine.record_recovery_point(checkpoint));
    EXPECT_TRUE(point) << point.error().message;
    if (point) checkpoint.recovery_point = point.value();
    return checkpoint;
  }

  // Counts recovery Clusters created from now on and answers each with `react(name)`.
  kubeapi::ChangeFeed::Subscription operate(std::function<void(const std::string&)> react) {
    return server->on_change([this, react = std::move(react)](const kubeapi::ChangeEvent& event) {
      if (event.type != kubeapi::EventType::added || event.resource->plural != "clusters") return;
      ++clusters_created;
      react(event.name());
    });
  }

  void report_setting_up(const std::string& name) {
    set_status(kClustersResource, name,
               {{"phase", "Setting up primary"},
                {"phaseReason", "Creating primary instance " + name + "-1"},
                {"conditions", boost::json::array{condition("Ready", "False", "ClusterIsNotReady", "not ready"),
                                                  condition("Initialized", "False", "BootstrapPending", "")}}});
  }

  void report_healthy(const std::string& name) {
    set_status(kClustersResource, name,
               {{"phase", "Setting up primary"},
                {"instances", 1},
                {"readyInstances", 1},
                {"conditions", boost::json::array{condition("Ready", "False", "ClusterIsNotReady", "not ready"),
                                                  condition("Initialized", "True", "BootstrapCompleted", "")}}});
    set_status(kClustersResource, name,
               {{"phase", "Cluster in healthy state"},
                {"instances", 1},
                {"readyInstances", 1},
                {"currentPrimary", name + "-1"},
                {"timelineID", 2},
                {"writeService", name + "-rw"},
                {"conditions", boost::json::array{condition("Ready", "True", "ClusterIsReady", "Cluster is Ready"),
                                                  condition("Initialized", "True", "BootstrapCompleted", "")}}});
  }

  std::atomic<int> clusters_created{0};
};

TEST_F(CnpgVerifiedRestoreTest, VerifiesTheRestoredClusterAndResumesAfterARestart) {
  auto engine = make_engine();
  BaseBackup backup;
  const auto checkpoint = take_checkpoint(*engine, "v1", backup);
  ASSERT_TRUE(checkpoint.recovery_point);
  postgres_->exec("ALTER TABLE orders ADD COLUMN shipped boolean");  // the migration

  const std::string name = "orders-db-pitr-v1";
  auto subscription = operate([this](const std::string& created) { report_setting_up(created); });
  cluster.deadlines.restore = 1s;
  RecordingObserver first;
  auto hanging = run(make_engine()->restore(checkpoint, {}, first));
  ASSERT_FALSE(hanging);
  EXPECT_EQ(hanging.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(first.phases, (std::vector<std::string>{"applied"}));

  // The operator gets there while the daemon is down; the restarted daemon continues.
  start_recovered_copy(backup, checkpoint, name, true);
  report_healthy(name);
  cluster.deadlines.restore = 30s;
  auto resumed_checkpoint = checkpoint;
  resumed_checkpoint.restore = first.record();
  RecordingObserver second;
  auto restored = run(make_engine()->restore(resumed_checkpoint, {}, second));
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->restored_timeline, 2U);
  EXPECT_FALSE(restored->cut_over);
  EXPECT_EQ(second.phases, (std::vector<std::string>{"initialized", "ready", "verified"}));
  ASSERT_FALSE(second.notes.empty());
  EXPECT_EQ(second.notes.back(),
            "verified: out of recovery on timeline 2, timeline history switches right before the target, schema "
            "fingerprint equal to the checkpoint's");
  EXPECT_EQ(clusters_created, 1);
}

TEST_F(CnpgVerifiedRestoreTest, ApiFaultsAndDroppedWatchesStillGiveOneVerifiedCluster) {
  auto engine = make_engine();
  BaseBackup backup;
  const auto checkpoint = take_checkpoint(*engine, "v2", backup);
  ASSERT_TRUE(checkpoint.recovery_point);
  const std::string name = "orders-db-pitr-v2";
  const std::string clusters_path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/clusters";
  ASSERT_TRUE(server->faults().fail_next({500, 1, "POST", clusters_path}));
  ASSERT_TRUE(server->faults().fail_next({500, 2, "GET", clusters_path + "/" + name}));
  server->faults().drop_watches_after(1, 2);
  auto subscription = operate([](const std::string&) {});
  std::thread operator_thread([&] {
    const auto deadline = Clock::now() + 20s;
    while (!stored(kClustersResource, name) && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
    report_setting_up(name);
    start_recovered_copy(backup, checkpoint, name, true);
    report_healthy(name);
  });
  RecordingObserver observer;
  auto restored = run(engine->restore(checkpoint, {}, observer));
  operator_thread.join();
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->restored_timeline, 2U);
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"applied", "initialized", "ready", "verified"}));
  EXPECT_EQ(clusters_created, 1);
  EXPECT_EQ(count(kClustersResource), 2U) << "the source and one recovery Cluster";
}

TEST_F(CnpgVerifiedRestoreTest, AServerStillInRecoveryFailsVerification) {
  auto engine = make_engine();
  BaseBackup backup;
  const auto checkpoint = take_checkpoint(*engine, "v3", backup);
  ASSERT_TRUE(checkpoint.recovery_point);
  const std::string name = "orders-db-pitr-v3";
  start_recovered_copy(backup, checkpoint, name, false);
  auto subscription = operate([this](const std::string& created) { report_healthy(created); });
  RecordingObserver observer;
  auto restored = run(engine->restore(checkpoint, {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_EQ(restored.error().code, ErrorCode::failed);
  EXPECT_NE(restored.error().message.find("verification of the restored Cluster develop/orders-db-pitr-v3 (host=" +
                                          service_directory(name).string()),
            std::string::npos)
      << restored.error().message;
  EXPECT_NE(restored.error().message.find("failed: the server is still in recovery"), std::string::npos)
      << restored.error().message;
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"applied", "initialized", "ready"}));
}

TEST_F(CnpgVerifiedRestoreTest, ADifferentSchemaFailsVerification) {
  auto engine = make_engine();
  BaseBackup backup;
  auto checkpoint = take_checkpoint(*engine, "v4", backup);
  ASSERT_TRUE(checkpoint.recovery_point);
  const auto recorded = checkpoint.schema_fingerprint;
  checkpoint.schema_fingerprint = std::string(64, '0');
  const std::string name = "orders-db-pitr-v4";
  start_recovered_copy(backup, checkpoint, name, true);
  auto subscription = operate([this](const std::string& created) { report_healthy(created); });
  RecordingObserver observer;
  auto restored = run(engine->restore(checkpoint, {}, observer));
  ASSERT_FALSE(restored);
  EXPECT_NE(restored.error().message.find("failed: the schema differs from the checkpoint's: fingerprint " +
                                          std::string(64, '0') + " at the checkpoint, " + recorded + " restored"),
            std::string::npos)
      << restored.error().message;
}

}  // namespace
}  // namespace ckpt::test
