// Copies one regular file with copy_file_range (read/write where the kernel cannot),
// creating the target exclusively with `mode`. No fsync. Blocking.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "core/result.hpp"

namespace ckpt::engine::local {

Result<void> copy_regular_file(const std::filesystem::path& from, const std::filesystem::path& to, mode_t mode);

}  // namespace ckpt::engine::local
