// The `clusters:` entry of a daemon config for a test PostgreSQL server.
#pragma once

#include <string>

#include "support/postgres_instance.hpp"

namespace ckpt::test {

inline std::string local_cluster_yaml(const PostgresInstance& postgres, const std::string& name = "app",
                                      const std::string& extra = {}) {
  return "  - name: " + name +
         "\n    engine: local\n    auto_restore: true\n"
         "    deadlines: {preflight: 10s, backup: 120s, archive_wait: 5s, restore: 120s}\n"
         "    local:\n"
         "      data_directory: " + postgres.data_directory().string() +
         "\n      port: " + std::to_string(postgres.port()) +
         "\n      host: " + postgres.socket_directory().string() +
         "\n      user: " + postgres.user() +
         "\n      database: postgres\n      bin_directory: " + postgres.bin_directory().string() +
         "\n      archive_directory: " + postgres.archive_directory().string() +
         "\n      backup_directory: " + postgres.backup_directory().string() +
         "\n      restore_directory: " + postgres.restore_directory().string() + "\n" + extra;
}

inline std::string begin_body(const std::string& cluster, const std::string& migration,
                              const std::string& window = R"("duration":"24h","owner":"alice","approver":"bob")") {
  return R"({"cluster":")" + cluster + R"(","migration_id":")" + migration +
         R"(","purpose":"test","phase":"expand","rollback_window":{)" + window + "}}";
}

}  // namespace ckpt::test
