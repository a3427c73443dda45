// Labels and annotations checkpointd puts on every CNPG object it creates. Labels carry
// identity (checkpoint id, managed-by) and are what ownership.hpp checks; annotations
// carry the migration id and purpose verbatim. Label values are sanitized to what
// Kubernetes accepts: at most 63 characters from [-_.A-Za-z0-9], alphanumeric at both
// ends (possibly empty).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/checkpoint.hpp"

namespace ckpt::cnpg {

inline constexpr std::string_view kCheckpointIdLabel = "checkpointd.io/checkpoint-id";
inline constexpr std::string_view kMigrationIdLabel = "checkpointd.io/migration-id";
inline constexpr std::string_view kManagedByLabel = "checkpointd.io/managed-by";
inline constexpr std::string_view kManagedByValue = "checkpointd";
inline constexpr std::string_view kRestoreAttemptLabel = "checkpointd.io/restore-attempt";
inline constexpr std::string_view kSourceClusterLabel = "checkpointd.io/source-cluster";
inline constexpr std::string_view kCnpgClusterLabel = "cnpg.io/cluster";
inline constexpr std::string_view kMigrationIdAnnotation = "checkpointd.io/migration-id";
inline constexpr std::string_view kPurposeAnnotation = "checkpointd.io/purpose";

// Characters outside [-_.A-Za-z0-9] become '-', the result is cut to 63 characters, and
// non-alphanumeric characters at either end are dropped: "feature/add index!" gives
// "feature-add-index".
std::string sanitize_label_value(std::string_view text);

// {name, namespace, labels: {checkpoint-id, migration-id, managed-by}, annotations:
// {migration-id, purpose}}; callers add their own labels after these.
boost::json::object checkpoint_metadata(std::string_view name, std::string_view namespace_name,
                                        const Checkpoint& checkpoint);

}  // namespace ckpt::cnpg
