#include "support/temp_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

namespace ckpt::test {

TempDir::TempDir(std::string_view prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string{base != nullptr && *base != '\0' ? base : "/tmp"} + "/" + std::string{prefix} + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory " + pattern + ": " + std::strerror(errno));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  if (std::getenv("CHECKPOINTD_KEEP_TEST_DIRS") != nullptr) {
    std::cerr << "keeping test directory " << path_ << "\n";
    return;
  }
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

}  // namespace ckpt::test
