#include "kube/bearer_token.hpp"

#include <mutex>
#include <optional>
#include <system_error>

#include "kube/file_text.hpp"

namespace ckpt::kube {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kMaxCacheAge = std::chrono::minutes(1);

// What identifies one version of the file.
struct FileStamp {
  std::filesystem::file_time_type modified;
  std::uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return std::nullopt;
  return FileStamp{modified, size};
}

}  // namespace

struct BearerToken::FileCache {
  std::filesystem::path path;
  std::mutex mutex;
  std::optional<FileStamp> stamp;
  Clock::time_point read_at;
  std::string token;
};

BearerToken BearerToken::fixed(std::string token) {
  BearerToken result;
  result.fixed_ = std::move(token);
  return result;
}

BearerToken BearerToken::from_file(std::filesystem::path path) {
  BearerToken result;
  result.file_ = std::make_shared<FileCache>();
  result.file_->path = std::move(path);
  return result;
}

Result<std::string> BearerToken::current() const {
  if (!file_) return fixed_;
  std::lock_guard lock(file_->mutex);
  const auto stamp = stamp_of(file_->path);
  const bool fresh =
      stamp && file_->stamp == stamp && !file_->token.empty() && Clock::now() - file_->read_at < kMaxCacheAge;
  if (fresh) return file_->token;
  auto text = read_file_text(file_->path);
  if (!text) {
    return make_error(ErrorCode::unauthorized,
                      "the bearer token file " + file_->path.string() + " cannot be read: " + text.error().message);
  }
  std::string token = trimmed(*text);
  if (token.empty()) {
    return make_error(ErrorCode::unauthorized, "the bearer token file " + file_->path.string() + " is empty");
  }
  file_->token = std::move(token);
  file_->stamp = stamp;
  file_->read_at = Clock::now();
  return file_->token;
}

}  // namespace ckpt::kube
