// What a restore would do, shown by `restore --dry-run` before anything acts. Plain
// data filled by an engine and carried to the client as JSON (codec/restore_plan_json).
#pragma once

#include <string>
#include <vector>

namespace ckpt {

struct RestorePlan {
  std::string engine;           // "local" | "cnpg"
  std::string target;           // new data directory / recovery Cluster name
  std::string base_backup;      // backup the restore starts from
  std::string recovery_target;  // e.g. "lsn 0/3000148 (exclusive) on timeline 1"
  std::vector<std::string> steps;
  std::string manifest;  // engine-specific rendering (recovery settings / Cluster YAML)
};

}  // namespace ckpt
