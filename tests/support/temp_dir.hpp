// A temporary directory for one test: created under $TMPDIR (or /tmp) with a short
// name (PostgreSQL socket paths must stay under 107 bytes) and removed with everything
// in it when the object goes away, unless CHECKPOINTD_KEEP_TEST_DIRS is set (then its
// path is printed so it can be inspected).
#pragma once

#include <filesystem>
#include <string_view>

namespace ckpt::test {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "ckpt");
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ckpt::test
