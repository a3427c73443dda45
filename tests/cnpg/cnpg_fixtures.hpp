// Test support for the cnpg manifest layer: the sample configurations and checkpoint the
// tests render from, the source Clusters in testdata/, golden-file comparison and the
// CRD schemas (skipped with a message where ../shared/cnpg-crds is absent).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "cnpg/backup_status.hpp"
#include "cnpg/crd_schema.hpp"
#include "config/config.hpp"
#include "core/checkpoint.hpp"

namespace ckpt::cnpg::testing {

std::filesystem::path source_directory();
std::filesystem::path crd_directory();
bool crds_available();
inline constexpr const char* kNoCrdsMessage =
    "the CNPG CRD schemas are not here ($CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds): schema validation skipped";

// The CRD schemas (version v1) of the CRD files, loaded once (the daemon's own
// validator, built from the CRD object as the API would return it).
const CrdSchema& backup_crd();
const CrdSchema& cluster_crd();

// payments/orders-db, plugin method, ObjectStore from the Cluster's plugin entry.
config::CnpgCluster plugin_config();
// payments/ledger-db, in-tree barmanObjectStore.
config::CnpgCluster barman_config();
// analytics/events-db, volumeSnapshot backups, WAL through the plugin.
config::CnpgCluster snapshot_config();

// Checkpoint a1b2c3d4 of `cnpg`'s cluster, ready: backup 20260115T103001 (for
// volumeSnapshot: the Backup's own name), restore point at 3A/7F0012C8 on timeline 1,
// server time 2026-01-15 10:30:12.345678+00.
Checkpoint ready_checkpoint(const config::CnpgCluster& cnpg);
// The snapshot elements of events-db's Backup.
std::vector<SnapshotElement> snapshot_elements();

// testdata/<name> as a JSON object.
boost::json::object load_testdata(const std::string& name);

// Compares `actual` with golden/<name>. With CHECKPOINTD_UPDATE_GOLDEN=1 in the
// environment the file is rewritten instead and the test fails, asking for a review.
void expect_matches_golden(const std::string& actual, const std::string& name);

}  // namespace ckpt::cnpg::testing
