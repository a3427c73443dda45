// Faults on the cnpg engine through the real daemon. Each ends in success after retries or
// in a clear failure within its deadline, and never in a second Backup or a second
// recovery Cluster: a Backup stuck in walArchivingFailing, a recovery CNPG gives up on, a
// recovery stuck in "Setting up primary", the daemon killed during a restore, and an API
// server answering 500/429, dropping watches, answering slowly and
// expiring resourceVersions (410 Gone).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <thread>

#include "cnpg_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

class CnpgFaults : public CnpgDaemonTest {
 protected:
  std::string cnpg_extra_yaml() const override {
    return "      backup_phase_deadlines: {pending: 20s, wal_archiving_failing: 2s}\n";
  }
  std::string deadlines_yaml() const override {
    return "{preflight: 10s, backup: 60s, archive_wait: 10s, restore: 15s}";
  }

  std::string fail(const std::string& id) {
    const auto failed =
        daemon->call_json("POST", "/v1/checkpoints/" + id + "/fail", R"({"reason":"migration broke"})").as_object();
    EXPECT_EQ(failed.at("state").as_string(), "restoring") << boost::json::serialize(failed);
    return std::string{kSource} + "-pitr-" + id;
  }

  std::size_t clusters_named(const std::string& name) const {
    const auto names = object_names(kClustersResource);
    return static_cast<std::size_t>(std::count(names.begin(), names.end(), name));
  }
};

TEST_F(CnpgFaults, ABackupStuckInWalArchivingFailingRefusesTheCheckpointWithCnpgsMessage) {
  emulator->faults().set_backup_fault(kSource, cnpgemu::BackupFault::wal_archiving_failing);
  const std::string id{begin("2026_11_21_stuck_backup").at("id").as_string()};
  const auto refused = daemon->wait_for_state(id, "ready,refused", std::chrono::seconds{30});
  EXPECT_EQ(refused.at("state").as_string(), "refused");
  EXPECT_EQ(refused.at("reason").as_string(), "wal_archive_failing") << boost::json::serialize(refused);
  const std::string message{refused.at("message").as_string()};
  EXPECT_NE(message.find("walArchivingFailing"), std::string::npos) << message;
  EXPECT_NE(message.find("WAL archiving is not working"), std::string::npos) << "CNPG's own error is shown: " << message;
  EXPECT_EQ(object_names(kBackupsResource), std::vector<std::string>{std::string{kSource} + "-ckpt-" + id});
}

TEST_F(CnpgFaults, AnUnrecoverableRecoveryClusterFailsTheRestoreFastWithoutASecondCluster) {
  const auto id = begin_ready("2026_11_21_unrecoverable");
  emulator->faults().set_recovery_fault(cnpgemu::RecoveryFault::fail);
  const auto recovery_cluster = fail(id);
  const auto started = std::chrono::steady_clock::now();
  const auto failed = daemon->wait_for_state(id, "restored,restore_failed");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{10})
      << "the unrecoverable phase ends the restore before its 15 s deadline";
  ASSERT_EQ(failed.at("state").as_string(), "restore_failed");
  const std::string error{failed.at("restore").at("error").as_string()};
  EXPECT_NE(error.find("unrecoverable"), std::string::npos) << error;
  EXPECT_NE(error.find(recovery_cluster), std::string::npos) << error;
  EXPECT_EQ(clusters_named(recovery_cluster), 1U);
  EXPECT_EQ(emulator->recoveries_started(kNamespace, recovery_cluster), 1U);
}

TEST_F(CnpgFaults, ARecoveryStuckSettingUpPrimaryEndsAtTheRestoreDeadline) {
  const auto id = begin_ready("2026_11_21_stuck_recovery");
  emulator->faults().set_recovery_fault(cnpgemu::RecoveryFault::stick);
  const auto recovery_cluster = fail(id);
  const auto failed = daemon->wait_for_state(id, "restored,restore_failed", std::chrono::seconds{40});
  ASSERT_EQ(failed.at("state").as_string(), "restore_failed");
  const std::string error{failed.at("restore").at("error").as_string()};
  EXPECT_NE(error.find("Setting up primary"), std::string::npos) << error;
  EXPECT_EQ(clusters_named(recovery_cluster), 1U);
}

TEST_F(CnpgFaults, ADaemonKilledDuringARestoreResumesTheSameRecoveryCluster) {
  const auto id = begin_ready("2026_11_21_killed");
  const auto recovery_cluster = fail(id);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (clusters_named(recovery_cluster) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  ASSERT_EQ(clusters_named(recovery_cluster), 1U);
  daemon->kill_hard();  // while the daemon follows the recovery Cluster

  daemon->start();
  const auto restored = daemon->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored);
  EXPECT_EQ(query_cluster(recovery_cluster, "SELECT count(*) FROM users"), "100");
  EXPECT_EQ(clusters_named(recovery_cluster), 1U);
  EXPECT_EQ(emulator->recoveries_started(kNamespace, recovery_cluster), 1U);
}

TEST_F(CnpgFaults, ApiErrorsAndDroppedWatchesAreRetriedIntoOneBackupAndOneRecoveryCluster) {
  ASSERT_TRUE(server->faults().fail_next({500, 2, "GET"}));
  ASSERT_TRUE(server->faults().fail_next({429, 1, "POST"}));
  server->faults().drop_watches_after(1, 2);
  const auto id = begin_ready("2026_11_21_flaky_api");
  EXPECT_EQ(object_names(kBackupsResource), std::vector<std::string>{std::string{kSource} + "-ckpt-" + id});

  ASSERT_TRUE(server->faults().fail_next({429, 2}));
  ASSERT_TRUE(server->faults().fail_next({500, 1, "GET"}));
  server->faults().drop_watches_after(1, 2);
  const auto recovery_cluster = fail(id);
  const auto restored = daemon->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored);
  EXPECT_EQ(clusters_named(recovery_cluster), 1U);
  EXPECT_EQ(emulator->recoveries_started(kNamespace, recovery_cluster), 1U);
}

TEST_F(CnpgFaults, SlowResponsesAndExpiredResourceVersionsEndInOneVerifiedRecoveryCluster) {
  server->faults().set_delay(std::chrono::milliseconds{150});
  const auto id = begin_ready("2026_11_21_slow_api");
  const auto recovery_cluster = fail(id);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (clusters_named(recovery_cluster) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  ASSERT_EQ(clusters_named(recovery_cluster), 1U);
  // Every resourceVersion the daemon holds is now too old: its watch ends with 410 Gone and
  // must list again rather than create anything.
  server->store().compact_history(true);
  const auto restored = daemon->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored);
  EXPECT_EQ(clusters_named(recovery_cluster), 1U);
  EXPECT_EQ(emulator->recoveries_started(kNamespace, recovery_cluster), 1U);
  EXPECT_EQ(object_names(kBackupsResource).size(), 1U);
}

TEST_F(CnpgFaults, PersistentServerErrorsOnTheBackupCreateRefuseWithADocumentedReasonAfterBackingOff) {
  const std::string backups = std::string{"/apis/postgresql.cnpg.io/v1/namespaces/"} + kNamespace + "/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 1000, "POST", backups}));
  const auto started = std::chrono::steady_clock::now();
  const std::string id{begin("2026_11_21_api_failing").at("id").as_string()};
  const auto refused = daemon->wait_for_state(id, "ready,refused", std::chrono::seconds{30});
  const auto took = std::chrono::steady_clock::now() - started;
  server->faults().clear();
  ASSERT_EQ(refused.at("state").as_string(), "refused") << boost::json::serialize(refused);
  EXPECT_EQ(refused.at("reason").as_string(), "cluster_unreachable") << boost::json::serialize(refused);
  const std::string message{refused.at("message").as_string()};
  EXPECT_NE(message.find("injected fault: an error on the server (\"internal error\") has prevented the request "
                         "from succeeding"),
            std::string::npos)
      << "the API's message is kept: " << message;
  EXPECT_NE(message.find("6 creates made"), std::string::npos) << message;
  // The daemon's backoff (base 100 ms, equal jitter) waits at least 50+100+200+400+800 ms.
  EXPECT_GE(took, std::chrono::milliseconds{1550});
  std::size_t creates = 0;
  for (const auto& request : server->faults().requests())
    creates += request.method == "POST" && request.path == backups;
  EXPECT_EQ(creates, 6U);
  EXPECT_TRUE(object_names(kBackupsResource).empty());
  EXPECT_NE(daemon->call("GET", "/metrics")
                .body.find(R"(checkpointd_checkpoint_refusals_total{cluster="orders",reason="cluster_unreachable"} 1)"),
            std::string::npos);
}

TEST_F(CnpgFaults, ServerErrorsOnTheBackupCreateThenSuccessGiveOneBackup) {
  const std::string backups = std::string{"/apis/postgresql.cnpg.io/v1/namespaces/"} + kNamespace + "/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 3, "POST", backups}));
  const auto id = begin_ready("2026_11_21_api_recovers");
  EXPECT_EQ(object_names(kBackupsResource), std::vector<std::string>{std::string{kSource} + "-ckpt-" + id});
  std::vector<std::chrono::steady_clock::time_point> creates;
  for (const auto& request : server->faults().requests()) {
    if (request.method == "POST" && request.path == backups) creates.push_back(request.at);
  }
  ASSERT_EQ(creates.size(), 4U);
  EXPECT_GT(creates[3] - creates[2], creates[1] - creates[0]) << "the waits between creates grow";
}

}  // namespace
}  // namespace ckpt::test
