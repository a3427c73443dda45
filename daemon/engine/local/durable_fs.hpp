// File-system steps that must survive a crash or power loss: fsync of files and
// directories, a rename made durable by syncing the parent directories, a whole-file
// system sync (after copying many files), and small whole-file reads and writes.
// Errors are ErrorCode::engine_error naming the path and the system's reason.
// Blocking: run on the thread pool.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::engine::local {

Result<std::string> read_text_file(const std::filesystem::path& file);

// Writes `content` to `file` (created with mode 0600, replaced if present) and fsyncs it.
Result<void> write_file_synced(const std::filesystem::path& file, std::string_view content);

// fsync of a file or a directory.
Result<void> fsync_path(const std::filesystem::path& path);

// rename(2), then fsync of the parent directories of both names.
Result<void> rename_durably(const std::filesystem::path& from, const std::filesystem::path& to);

// syncfs(2) of the file system holding `path`: one call instead of an fsync per file.
Result<void> sync_file_system_of(const std::filesystem::path& path);

// create_directories with mode 0700 for the directories it creates.
Result<void> ensure_private_directory(const std::filesystem::path& directory);

// Removes a tree; a missing tree is fine.
Result<void> remove_tree(const std::filesystem::path& path);

Error io_error(std::string_view action, const std::filesystem::path& path, int error_number);

}  // namespace ckpt::engine::local
