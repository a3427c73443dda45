// Reads a whole (small) file: a token, a certificate, a kubeconfig. Only regular files
// (after symlinks): a FIFO or a device such as /dev/zero is refused, not read forever. The
// error message is only the reason ("No such file or directory", "it is not a regular
// file"), for callers to put after what the file is.
// trimmed() drops the whitespace and line breaks around a one-line file's content.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::kube {

Result<std::string> read_file_text(const std::filesystem::path& path);

std::string trimmed(std::string_view text);

}  // namespace ckpt::kube
