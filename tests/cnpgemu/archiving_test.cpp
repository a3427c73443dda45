// The source cluster's objects and its status, ContinuousArchiving in particular.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cnpg/cluster_status.hpp"
#include "cnpgemu/emulator_fixture.hpp"

namespace ckpt::cnpgemu::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

bool archiving_is(const boost::json::object& cluster, const char* status) {
  return condition_of(cluster, "ContinuousArchiving")["status"] == status;
}

TEST_F(EmulatorTest, TheSourceClusterLooksLikeAHealthyCnpgCluster) {
  const auto cluster = get(kClusters, kSource);
  const auto status = cnpg::parse_cluster_status(cluster);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_TRUE(cnpg::is_healthy(*status));
  EXPECT_TRUE(cnpg::archiving_ok(*status)) << cnpg::why_archiving_fails(*status);
  EXPECT_EQ(status->timeline_id, 1u);
  EXPECT_EQ(status->current_primary, "orders-1");

  const auto& plugin = cluster.at("spec").as_object().at("plugins").as_array().at(0).as_object();
  EXPECT_EQ(plugin.at("isWALArchiver"), true);
  EXPECT_EQ(plugin.at("parameters").as_object().at("serverName"), kSource);
  EXPECT_EQ(plugin.at("parameters").as_object().at("barmanObjectName"), "store");
  EXPECT_TRUE(server->store().get({"objectstores.barmancloud.cnpg.io", kNamespace, "store"}));
  EXPECT_EQ(fs::read_symlink(emulator->service_directory(kNamespace, kSource)), source->socket_directory());
}

TEST_F(EmulatorTest, ContinuousArchivingFollowsTheRealArchiver) {
  source->break_archiving();
  source->wait_for_archive_failure();
  const auto failing = wait_for(kClusters, kSource, [](const auto& cluster) { return archiving_is(cluster, "False"); });
  const auto condition = condition_of(failing, "ContinuousArchiving");
  EXPECT_EQ(condition.at("reason"), "ContinuousArchivingFailing");
  EXPECT_THAT(std::string{condition.at("message").as_string()},
              HasSubstr(source->query_value("SELECT last_failed_wal FROM pg_stat_archiver")));

  source->fix_archiving();
  source->exec("SELECT pg_logical_emit_message(false, 'test', 'x'); SELECT pg_switch_wal();");
  const auto working = wait_for(kClusters, kSource, [](const auto& cluster) { return archiving_is(cluster, "True"); });
  EXPECT_EQ(condition_of(working, "ContinuousArchiving").at("reason"), "ContinuousArchivingSuccess");
}

}  // namespace
}  // namespace ckpt::cnpgemu::testing
