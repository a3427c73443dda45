// The directories of the configuration that point nowhere on this host: for each local
// cluster, data_directory, bin_directory and archive_directory must be existing
// directories. A missing one is not a configuration error (the daemon starts and refuses
// `begin` for that cluster, naming the problem), but `checkpointd --check-config` names
// the key and the path so a typo is seen before the first migration.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace ckpt::config {

// One line per problem: "clusters[0].local.data_directory: /var/lib/pg/15/main does not exist".
std::vector<std::string> missing_directories(const Config& config);

}  // namespace ckpt::config
