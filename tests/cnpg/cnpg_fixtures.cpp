#include "cnpg_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/time_format.hpp"
#include "support/yaml_json.hpp"

namespace ckpt::cnpg::testing {

using ckpt::test::yaml_file_to_json;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TimePoint at(const char* rfc3339) { return parse_rfc3339(rfc3339).value(); }

CrdSchema crd_schema_of(const std::string& file) {
  auto schema = CrdSchema::from_crd(yaml_file_to_json(crd_directory() / file).as_object(), "v1");
  if (!schema) throw std::runtime_error(schema.error().message);
  return std::move(schema).value();
}

}  // namespace

std::filesystem::path source_directory() {
  const char* from_environment = std::getenv("CHECKPOINTD_SOURCE_DIR");
  return from_environment != nullptr ? from_environment : CHECKPOINTD_DEFAULT_SOURCE_DIR;
}

std::filesystem::path crd_directory() { return source_directory() / ".." / "shared" / "cnpg-crds"; }

bool crds_available() { return std::filesystem::is_directory(crd_directory()); }

const CrdSchema& backup_crd() {
  static const CrdSchema schema = crd_schema_of("postgresql.cnpg.io_backups.yaml");
  return schema;
}

const CrdSchema& cluster_crd() {
  static const CrdSchema schema = crd_schema_of("postgresql.cnpg.io_clusters.yaml");
  return schema;
}

config::CnpgCluster plugin_config() {
  config::CnpgCluster cnpg;
  cnpg.namespace_name = "payments";
  cnpg.cluster_name = "orders-db";
  return cnpg;
}

config::CnpgCluster barman_config() {
  config::CnpgCluster cnpg;
  cnpg.namespace_name = "payments";
  cnpg.cluster_name = "ledger-db";
  cnpg.backup_method = "barmanObjectStore";
  return cnpg;
}

config::CnpgCluster snapshot_config() {
  config::CnpgCluster cnpg;
  cnpg.namespace_name = "analytics";
  cnpg.cluster_name = "events-db";
  cnpg.backup_method = "volumeSnapshot";
  return cnpg;
}

Checkpoint ready_checkpoint(const config::CnpgCluster& cnpg) {
  Checkpoint checkpoint;
  checkpoint.id = "a1b2c3d4";
  checkpoint.request.cluster = cnpg.cluster_name + "-prod";
  checkpoint.request.migration_id = "2026_01_15_add_orders_index";
  checkpoint.request.purpose = "add index on orders(customer_id): speeds up the order history page";
  checkpoint.state = CheckpointState::failed;
  const auto backup_name = backup_object_name(cnpg.cluster_name, checkpoint.id);
  BackupInfo backup;
  backup.backup_id = cnpg.backup_method == "volumeSnapshot" ? backup_name : "20260115T103001";
  backup.name = backup_name;
  backup.begin_lsn = parse_lsn("3A/7C000028").value();
  backup.end_lsn = parse_lsn("3A/7E000138").value();
  backup.timeline = 1;
  backup.started_at = at("2026-01-15T10:30:01Z");
  backup.stopped_at = at("2026-01-15T10:30:09Z");
  checkpoint.backup = backup;
  RecoveryPoint point;
  point.server_time = "2026-01-15 10:30:12.345678+00";
  point.current_lsn = parse_lsn("3A/7F001000").value();
  point.target_lsn = parse_lsn("3A/7F0012C8").value();
  point.timeline = 1;
  point.restore_point = restore_point_name(checkpoint.id);
  point.wal_file = "000000010000003A0000007F";
  checkpoint.recovery_point = point;
  return checkpoint;
}

std::vector<SnapshotElement> snapshot_elements() {
  return {
      {"events-db-ckpt-a1b2c3d4", "PG_DATA", ""},
      {"events-db-ckpt-a1b2c3d4-wal", "PG_WAL", ""},
      {"events-db-ckpt-a1b2c3d4-tbs-archive", "PG_TABLESPACE", "archive"},
  };
}

boost::json::object load_testdata(const std::string& name) {
  return yaml_file_to_json(source_directory() / "tests" / "cnpg" / "testdata" / name).as_object();
}

void expect_matches_golden(const std::string& actual, const std::string& name) {
  const auto path = source_directory() / "tests" / "cnpg" / "golden" / name;
  if (std::getenv("CHECKPOINTD_UPDATE_GOLDEN") != nullptr) {
    std::ofstream{path} << actual;
    ADD_FAILURE() << "rewrote " << path
                  << ": review it against docs/cnpg.md, then run without CHECKPOINTD_UPDATE_GOLDEN";
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing";
  EXPECT_EQ(actual, read_text(path)) << "rendering differs from " << path;
}

}  // namespace ckpt::cnpg::testing
