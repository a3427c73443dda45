// Where a local restore keeps its things, all derived from the restore's name
// (restore_target_name(cluster, checkpoint, attempt)) inside restore_directory:
// the new data directory, its `.partial` form while the base backup is being copied,
// the WAL prefetch spool and the server log. A retry finds them by name.
#pragma once

#include <filesystem>
#include <string>

namespace ckpt::engine::local {

struct RestoreLayout {
  std::string name;
  std::filesystem::path data_directory;  // <restore_directory>/<name>
  std::filesystem::path partial;         // <restore_directory>/<name>.partial
  std::filesystem::path spool;           // <restore_directory>/<name>.spool
  std::filesystem::path log_file;        // <restore_directory>/<name>.log

  static RestoreLayout at(const std::filesystem::path& data_directory) {
    const auto parent = data_directory.parent_path();
    const auto name = data_directory.filename().string();
    return RestoreLayout{name, data_directory, parent / (name + ".partial"), parent / (name + ".spool"),
                         parent / (name + ".log")};
  }
};

}  // namespace ckpt::engine::local
