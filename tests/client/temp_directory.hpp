// A fresh directory under /tmp for one test, removed with everything in it when the
// test ends; files are written into it by relative name.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ckpt::cli::testing {

class TempDirectory {
 public:
  TempDirectory() {
    char pattern[] = "/tmp/checkpointctl-test-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    path_ = made == nullptr ? std::filesystem::path{} : std::filesystem::path{made};
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to `name` in the directory; its full path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream{file} << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace ckpt::cli::testing
