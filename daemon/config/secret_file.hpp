// Reads a secret (a bearer token) from a file named in the configuration. Refuses a
// file that group or others may access (mode & 0077) and an empty one, with a message
// that names the file and the fix. The trailing newline(s) an editor adds are trimmed.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace ckpt::config {

Result<std::string> read_secret_file(const std::filesystem::path& path);

}  // namespace ckpt::config
