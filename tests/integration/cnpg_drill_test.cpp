// The drill on the cnpg engine through the real daemon: begin -> a real Backup (the
// operator emulation runs pg_basebackup) -> an archived recovery point -> a change after
// the checkpoint and a destructive migration -> fail -> the recovery Cluster -> a real PITR
// -> verified through the new Cluster's read-write Service, with the restore's phases and
// duration recorded; and the real kubectl lists what the daemon created.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <regex>
#include <thread>

#include "cluster_yaml.hpp"
#include "cnpg_daemon_fixture.hpp"
#include "kubeapi/command.hpp"

namespace ckpt::test {
namespace {

using CnpgDrill = CnpgDaemonTest;

std::vector<std::string> phases_of(const boost::json::object& restore) {
  std::vector<std::string> phases;
  for (const auto& mark : restore.at("phases").as_array()) phases.emplace_back(mark.at("phase").as_string());
  return phases;
}

TEST_F(CnpgDrill, FailRestoresARecoveryClusterToTheCheckpointAndNotATransactionFurther) {
  const auto id = begin_ready("2026_11_21_add_phone");
  const auto ready = daemon->call_json("GET", "/v1/checkpoints/" + id).as_object();

  // The checkpoint keeps the Backup's identity and WAL range.
  const std::string backup_name = std::string{kSource} + "-ckpt-" + id;
  const auto& backup = ready.at("backup").as_object();
  EXPECT_EQ(backup.at("name").as_string(), backup_name);
  EXPECT_TRUE(std::regex_match(std::string{backup.at("backup_id").as_string()}, std::regex{R"(\d{8}T\d{6})"}));
  const auto backup_object = object(kBackupsResource, backup_name);
  EXPECT_EQ(backup_object.at("status").at("phase").as_string(), "completed");
  EXPECT_EQ(backup_object.at("status").at("backupId").as_string(), backup.at("backup_id").as_string());
  EXPECT_EQ(backup_object.at("status").at("endLSN").as_string(), backup.at("end_lsn").as_string());
  EXPECT_EQ(backup_object.at("metadata").at("labels").at("checkpointd.io/checkpoint-id").as_string(), id);
  EXPECT_EQ(emulator->base_backups_started(kNamespace, backup_name), 1U);
  const auto& point = ready.at("recovery_point").as_object();
  EXPECT_EQ(point.at("restore_point").as_string(), "checkpointd-" + id);
  EXPECT_TRUE(std::filesystem::exists(source->archive_directory() / std::string{point.at("wal_file").as_string()}))
      << "the segment holding the target is archived before the checkpoint is ready";

  // After the checkpoint: one more transaction, then the harmful migration.
  source->exec("INSERT INTO users VALUES (1000, 'late@example.com')");
  source->exec("ALTER TABLE users ADD COLUMN phone text; DELETE FROM users WHERE id <= 50;");

  const auto plan =
      daemon->call_json("POST", "/v1/checkpoints/" + id + "/restore", R"({"dry_run":true})").as_object();
  const std::string recovery_cluster = std::string{kSource} + "-pitr-" + id;
  EXPECT_EQ(plan.at("plan").at("target").as_string(), recovery_cluster);
  EXPECT_NE(std::string{plan.at("plan").at("manifest").as_string()}.find("targetLSN"), std::string::npos);
  EXPECT_EQ(object_names(kClustersResource), std::vector<std::string>{kSource}) << "a dry run creates nothing";

  const auto failed =
      daemon->call_json("POST", "/v1/checkpoints/" + id + "/fail", R"({"reason":"deleted half the users"})")
          .as_object();
  EXPECT_EQ(failed.at("state").as_string(), "restoring");
  const auto restored = daemon->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored);

  const auto& restore = restored.at("restore").as_object();
  EXPECT_EQ(restore.at("target").as_string(), recovery_cluster);
  EXPECT_EQ(restore.at("trigger").as_string(), "auto");
  EXPECT_GT(restore.at("duration_seconds").as_double(), 0.0);
  EXPECT_GE(restore.at("restored_timeline").as_int64(), 2);
  const auto phases = phases_of(restore);
  ASSERT_GE(phases.size(), 4U);
  EXPECT_EQ(std::vector<std::string>(phases.end() - 4, phases.end()),
            (std::vector<std::string>{"applied", "initialized", "ready", "verified"}));

  // The recovery Cluster holds the data as of the checkpoint: the late row is not there,
  // the deleted users are back, the column added afterwards does not exist.
  EXPECT_EQ(query_cluster(recovery_cluster, "SELECT count(*) FROM users"), "100");
  EXPECT_EQ(query_cluster(recovery_cluster, "SELECT count(*) FROM users WHERE id = 1000"), "0");
  EXPECT_EQ(query_cluster(recovery_cluster,
                          "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND "
                          "column_name = 'phone'"),
            "0");
  EXPECT_EQ(query_cluster(recovery_cluster, "SELECT pg_is_in_recovery()"), "f");
  // Nothing was destroyed: the source still has what the migration left.
  EXPECT_EQ(source->query_value("SELECT count(*) FROM users"), "51");
  EXPECT_EQ(object_names(kClustersResource), (std::vector<std::string>{kSource, recovery_cluster}));
  EXPECT_EQ(emulator->recoveries_started(kNamespace, recovery_cluster), 1U);

  const auto metrics = daemon->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("checkpointd_last_restore_duration_seconds{cluster=\"orders\""), std::string::npos);
  EXPECT_NE(metrics.find("phase=\"ready\""), std::string::npos) << metrics;

  // The real kubectl, as an on-call engineer would use it, sees both objects.
  std::error_code missing;
  if (!std::filesystem::exists("/usr/bin/kubectl", missing)) {
    GTEST_SKIP() << "/usr/bin/kubectl is not installed: skipping the kubectl checks";
  }
  const kubeapi::testing::Environment environment{{"KUBECONFIG", reader_kubeconfig().string()},
                                                  {"HOME", reader_kubeconfig().parent_path().string()}};
  const auto clusters = kubeapi::testing::run_command(
      {"/usr/bin/kubectl", "-n", kNamespace, "get", "cluster.postgresql.cnpg.io"}, environment,
      reader_kubeconfig().parent_path());
  ASSERT_EQ(clusters.exit_code, 0) << clusters.err;
  EXPECT_NE(clusters.out.find(recovery_cluster), std::string::npos) << clusters.out;
  EXPECT_NE(clusters.out.find("Cluster in healthy state"), std::string::npos) << clusters.out;
  const auto backups = kubeapi::testing::run_command(
      {"/usr/bin/kubectl", "-n", kNamespace, "get", "backups.postgresql.cnpg.io"}, environment,
      reader_kubeconfig().parent_path());
  ASSERT_EQ(backups.exit_code, 0) << backups.err;
  EXPECT_NE(backups.out.find(backup_name), std::string::npos) << backups.out;
  EXPECT_NE(backups.out.find("completed"), std::string::npos) << backups.out;
}

TEST_F(CnpgDrill, BeginIsRefusedWhileTheSourcesWalArchivingFailsAndNoBackupIsTaken) {
  source->break_archiving();
  source->wait_for_archive_failure();
  // The emulation reports ContinuousArchiving=False from the server's pg_stat_archiver.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  std::string archiving;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto cluster = object(kClustersResource, kSource);
    for (const auto& condition : cluster.at("status").at("conditions").as_array()) {
      if (condition.at("type").as_string() == "ContinuousArchiving") archiving = condition.at("status").as_string();
    }
    if (archiving == "False") break;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  ASSERT_EQ(archiving, "False");

  const auto refused = daemon->call("POST", "/v1/checkpoints", begin_body(kSource, "2026_11_21_blocked"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  const auto error = boost::json::parse(refused.body).at("error").as_object();
  EXPECT_EQ(error.at("reason").as_string(), "wal_archive_failing");
  EXPECT_NE(std::string{error.at("message").as_string()}.find("ContinuousArchiving=False"), std::string::npos)
      << "the message carries CNPG's condition";
  EXPECT_TRUE(object_names(kBackupsResource).empty()) << "no Backup is taken while archiving fails";
}

}  // namespace
}  // namespace ckpt::test
