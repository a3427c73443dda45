// Reading a recovery Cluster's definition, its recovery target and the settings it becomes.
#include "cnpgemu/recovery_request.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cnpgemu/recovery_settings.hpp"
#include "cnpgemu/target_time.hpp"
#include "core/time_format.hpp"

namespace ckpt::cnpgemu {
namespace {

using ::testing::HasSubstr;

boost::json::object cluster(const std::string& spec) {
  return boost::json::parse(R"({"metadata": {"name": "orders-pitr-1", "namespace": "develop"}, "spec": )" + spec + "}")
      .as_object();
}

std::string error_of(const std::string& spec) {
  const auto request = read_recovery_request(cluster(spec));
  return request ? "accepted" : request.error().message;
}

constexpr const char* kPluginOrigin =
    R"("externalClusters": [{"name": "origin", "plugin": {"name": "barman-cloud.cloudnative-pg.io",
       "parameters": {"barmanObjectName": "store", "serverName": "orders"}}}])";

std::string with_target(const std::string& target) {
  return R"({"bootstrap": {"recovery": {"source": "origin", "recoveryTarget": )" + target + "}}, " + kPluginOrigin +
         "}";
}

TEST(RecoveryRequest, ReadsThePluginSourceTargetAndOwnArchiver) {
  const auto request = read_recovery_request(cluster(
      R"({"bootstrap": {"recovery": {"source": "origin", "recoveryTarget": {"backupID": "20260115T103001",
          "targetLSN": "3A/7F0012C8", "exclusive": true, "targetTLI": "1"}}},
          "plugins": [{"name": "barman-cloud.cloudnative-pg.io", "isWALArchiver": true,
                       "parameters": {"barmanObjectName": "store"}}], )" +
      std::string{kPluginOrigin} + "}"));
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->source_server_name, "orders");
  EXPECT_EQ(request->source_object_store, "store");
  EXPECT_EQ(request->archive_server_name, "orders-pitr-1");  // the plugin's default: the Cluster's name
  EXPECT_EQ(request->target.backup_id, "20260115T103001");
  EXPECT_EQ(request->target.lsn, parse_lsn("3A/7F0012C8"));
  EXPECT_TRUE(request->target.exclusive);
  EXPECT_EQ(request->target.backup_choice().timeline, 1u);
}

TEST(RecoveryRequest, DefaultsServerNamesLikeCnpgAndThePlugin) {
  const auto plugin = read_recovery_request(cluster(
      R"({"bootstrap": {"recovery": {"source": "origin"}}, "externalClusters": [{"name": "origin", "plugin": {
          "name": "barman-cloud.cloudnative-pg.io", "parameters": {"barmanObjectName": "store"}}}]})"));
  ASSERT_TRUE(plugin) << plugin.error().message;
  EXPECT_EQ(plugin->source_server_name, "orders-pitr-1");
  EXPECT_FALSE(plugin->archive_server_name.has_value());

  const auto in_tree = read_recovery_request(cluster(
      R"({"bootstrap": {"recovery": {"source": "orders-archive"}}, "backup": {"barmanObjectStore": {
          "destinationPath": "s3://b/"}}, "externalClusters": [{"name": "orders-archive",
          "barmanObjectStore": {"destinationPath": "s3://b/"}}]})"));
  ASSERT_TRUE(in_tree) << in_tree.error().message;
  EXPECT_EQ(in_tree->source_server_name, "orders-archive");
  EXPECT_TRUE(in_tree->source_object_store.empty());
  EXPECT_EQ(in_tree->archive_server_name, "orders-pitr-1");
}

TEST(RecoveryRequest, RefusesDefinitionsNamingTheField) {
  EXPECT_EQ(error_of(R"({"bootstrap": {"recovery": {"source": "elsewhere"}}, )" + std::string{kPluginOrigin} + "}"),
            "spec.bootstrap.recovery.source: no externalClusters entry is named 'elsewhere'");
  EXPECT_EQ(
      error_of(R"({"bootstrap": {"recovery": {"source": "origin"}}, "externalClusters": [{"name": "origin",
              "plugin": {"name": "barman-cloud.cloudnative-pg.io"}}]})"),
      "spec.externalClusters[0].plugin.parameters.barmanObjectName: required: the ObjectStore holding the archive");
  EXPECT_THAT(error_of(R"({"bootstrap": {"recovery": {"source": "origin", "volumeSnapshots": {}}}})"),
              HasSubstr("spec.bootstrap.recovery.volumeSnapshots: "));
  EXPECT_EQ(error_of(with_target(R"({"targetLSN": "0/1", "targetName": "x", "backupID": "b"})")),
            "spec.bootstrap.recovery.recoveryTarget: Recovery target options are mutually exclusive");
  EXPECT_EQ(error_of(with_target(R"({"targetLSN": "G/1"})")),
            "spec.bootstrap.recovery.recoveryTarget.targetLSN: Invalid TargetLSN 'G/1'");
  EXPECT_THAT(error_of(with_target(R"({"targetName": "premig"})")),
              HasSubstr("spec.bootstrap.recovery.recoveryTarget.backupID: BackupID is missing"));
  EXPECT_THAT(error_of(with_target(R"({"targetTLI": "0"})")),
              HasSubstr("spec.bootstrap.recovery.recoveryTarget.targetTLI: "));
  EXPECT_THAT(error_of(with_target(R"({"targetTime": "2026-01-15 10:30:12 +00:00"})")),
              HasSubstr("spec.bootstrap.recovery.recoveryTarget.targetTime: The format of TargetTime is invalid"));
}

TEST(TargetTime, PassesPostgresFormsThroughAndRewritesRfc3339) {
  const auto postgres = parse_target_time("2026-01-15 10:30:12.345678+00");
  ASSERT_TRUE(postgres);
  EXPECT_EQ(postgres->postgres_text, "2026-01-15 10:30:12.345678+00");
  EXPECT_EQ(format_rfc3339(postgres->instant), "2026-01-15T10:30:12.345678Z");

  const auto rfc3339 = parse_target_time("2026-01-15T12:30:12.5+02:00");
  ASSERT_TRUE(rfc3339);
  EXPECT_EQ(rfc3339->postgres_text, "2026-01-15 12:30:12.500000+02:00");
  EXPECT_EQ(format_rfc3339(rfc3339->instant), "2026-01-15T10:30:12.500000Z");

  EXPECT_EQ(parse_target_time("2026-01-15T10:30:12Z")->postgres_text, "2026-01-15 10:30:12.000000+00:00");
  EXPECT_EQ(parse_target_time("2026-01-15T10:30:12")->postgres_text, "2026-01-15 10:30:12.000000+00:00");
  EXPECT_FALSE(parse_target_time("2026-01-15 10:30:12Z"));
  EXPECT_FALSE(parse_target_time("15/01/2026 10:30"));
}

TEST(RecoverySettings, WritesCnpgsRecoveryOptions) {
  RecoveryTarget target;
  target.lsn = parse_lsn("0/3000060");
  target.timeline = "1";
  target.exclusive = true;
  const auto conf = render_custom_conf(target, {5433, "/tmp/svc/x-rw.develop", "/tmp/it's/archive", "/tmp/own"});
  EXPECT_THAT(conf, HasSubstr("port = 5433\n"));
  EXPECT_THAT(conf, HasSubstr("listen_addresses = ''\n"));
  EXPECT_THAT(conf, HasSubstr("unix_socket_directories = '/tmp/svc/x-rw.develop'\n"));
  EXPECT_THAT(conf, HasSubstr("restore_command = 'cp ''/tmp/it''\\''''s/archive''/%f %p'\n"));
  EXPECT_THAT(conf, HasSubstr("recovery_target_action = 'promote'\n"));
  EXPECT_THAT(conf, HasSubstr("recovery_target_timeline = '1'\n"));
  EXPECT_THAT(conf, HasSubstr("recovery_target_lsn = '0/3000060'\n"));
  EXPECT_THAT(conf, HasSubstr("recovery_target_inclusive = 'false'\n"));
  EXPECT_THAT(conf, HasSubstr("archive_mode = on\n"));

  RecoveryTarget by_name;
  by_name.name = "premig";
  const auto named = render_custom_conf(by_name, {5433, "/s", "/a", std::nullopt});
  EXPECT_THAT(named, HasSubstr("recovery_target_name = 'premig'\n"));
  EXPECT_THAT(named, HasSubstr("recovery_target_inclusive = 'true'\n"));
  EXPECT_THAT(named, HasSubstr("archive_mode = off\n"));
  EXPECT_THAT(named, ::testing::Not(HasSubstr("recovery_target_timeline")));
}

}  // namespace
}  // namespace ckpt::cnpgemu
