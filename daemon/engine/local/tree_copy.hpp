// Copies a directory tree (a base backup into a new data directory) with `workers`
// parallel file copies using copy_file_range (read/write where the kernel cannot),
// largest files first. Directories and files keep their permission bits (0700/0600
// for PostgreSQL); symbolic links are copied as links; other special files and the
// top-level names in `skip` are left out. The target must not exist yet. No fsync:
// the caller syncs the file system once at the end. Also: the bytes a tree's regular
// files hold. Blocking: run on the thread pool.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace ckpt::engine::local {

struct TreeCopyStats {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
};

Result<TreeCopyStats> copy_tree(const std::filesystem::path& source, const std::filesystem::path& target,
                                const std::vector<std::string>& skip, unsigned workers);

// The sum of the sizes of the regular files under `directory` (0 when it is missing).
std::uint64_t directory_bytes(const std::filesystem::path& directory);

}  // namespace ckpt::engine::local
