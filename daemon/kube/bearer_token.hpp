// BearerToken: the token KubeClient sends, either fixed or read from a file. A file is
// re-read when its modification time or size changes, and at least once a minute, so that
// a rotated projected service-account token (kubelet swaps it in place) is picked up
// without a restart. Surrounding whitespace is trimmed. Copies share one cache.
// Thread-safe. The token never appears in an error message.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace ckpt::kube {

class BearerToken {
 public:
  // No token: requests go out without an Authorization header.
  BearerToken() = default;
  static BearerToken fixed(std::string token);
  static BearerToken from_file(std::filesystem::path path);

  // The token to send now ("" when none). A file that cannot be read or is empty is an
  // unauthorized error naming the file.
  Result<std::string> current() const;

 private:
  struct FileCache;
  std::string fixed_;
  std::shared_ptr<FileCache> file_;
};

}  // namespace ckpt::kube
