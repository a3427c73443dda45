// Reads a CNPG Cluster's status (cnpg.md §4.1) and answers the three questions the
// engine asks of it, each with the sentence it shows a person when the answer is bad:
//   healthy?        phase "Cluster in healthy state" AND condition Ready=True
//   unrecoverable?  phase "Cluster is unrecoverable and needs manual intervention"
//                   (CNPG >= 1.30.0/1.29.2/1.28.4 after the recovery Job gave up; older
//                   versions stay in "Setting up primary", so callers keep a deadline)
//   archiving ok?   condition ContinuousArchiving=True (the LAST archive attempt worked)
// A Cluster the operator has not reconciled yet has an empty phase and no conditions.
// Malformed fields are rejected, naming the field (see api_object_reader.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/result.hpp"

namespace ckpt::cnpg {

inline constexpr std::string_view kHealthyPhase = "Cluster in healthy state";
inline constexpr std::string_view kUnrecoverablePhase = "Cluster is unrecoverable and needs manual intervention";

struct ClusterCondition {
  std::string type;    // Ready, ContinuousArchiving, LastBackupSucceeded, Initialized, ...
  std::string status;  // True | False | Unknown
  std::string reason;
  std::string message;
};

struct ClusterStatus {
  std::string namespace_name;
  std::string name;
  std::string phase;
  std::string phase_reason;
  std::int64_t instances = 0;
  std::int64_t ready_instances = 0;
  std::string current_primary;
  std::uint32_t timeline_id = 0;  // 0: not reported yet
  std::vector<ClusterCondition> conditions;

  // nullptr when the Cluster has no condition of that type.
  const ClusterCondition* condition(std::string_view type) const;
};

// `cluster` is the whole Cluster object as the API returned it.
Result<ClusterStatus> parse_cluster_status(const boost::json::object& cluster);

bool is_healthy(const ClusterStatus& status);
bool is_unrecoverable(const ClusterStatus& status);
bool archiving_ok(const ClusterStatus& status);

// "cluster orders-db is not healthy: phase 'Setting up primary' (Creating primary
// instance orders-db-1), Ready=False (reason ClusterIsNotReady: Cluster Is Not Ready)"
std::string why_not_healthy(const ClusterStatus& status);
// "cluster orders-db-pitr-a1b2c3d4 is unrecoverable and needs manual intervention:
// Instance creation failed for the following jobs: ..."
std::string why_unrecoverable(const ClusterStatus& status);
// "WAL archiving of cluster orders-db is not working: ContinuousArchiving=False (reason
// ContinuousArchivingFailing: <the archiver's error>)"
std::string why_archiving_fails(const ClusterStatus& status);

}  // namespace ckpt::cnpg
