// Replaces a file's content atomically and durably: a temporary file in the same directory
// is written, given the file's mode (and, when running as root, its owner and group),
// fsynced and renamed over the file, and the directory is fsynced. A reader sees the old
// content or the new one, never a mix; when a step fails the temporary file is removed and
// the file is untouched. A symbolic link is followed: its target is replaced. Blocking.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::flags {

Result<void> replace_file_content(const std::filesystem::path& file, std::string_view content);

}  // namespace ckpt::flags
