#include "journal/posix_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace ckpt::posix {

UniqueFd::UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

Error file_error(std::string_view action, const std::filesystem::path& file, int err) {
  return make_error(ErrorCode::internal, "cannot " + std::string{action} + " '" + file.string() +
                                             "': " + std::strerror(err));
}

Result<UniqueFd> open_file(const std::filesystem::path& file, int flags, unsigned mode) {
  int fd = -1;
  do {
    fd = ::open(file.c_str(), flags | O_CLOEXEC, static_cast<mode_t>(mode));
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return file_error("open", file, errno);
  return UniqueFd{fd};
}

Result<void> lock_exclusive(const UniqueFd& fd, const std::filesystem::path& file) {
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) return {};
  if (errno == EWOULDBLOCK) {
    return make_error(ErrorCode::unavailable,
                      "'" + file.string() +
                          "' is locked by another process: is another checkpointd running with "
                          "this state directory?");
  }
  return file_error("lock", file, errno);
}

Result<std::string> read_all(const UniqueFd& fd, const std::filesystem::path& file) {
  std::string content;
  char buffer[65536];
  std::uint64_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd.get(), buffer, sizeof buffer, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error("read", file, errno);
    }
    if (n == 0) return content;
    content.append(buffer, static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
}

Result<void> write_all_at(const UniqueFd& fd, std::uint64_t offset, std::string_view bytes,
                          const std::filesystem::path& file) {
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd.get(), bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error("write", file, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
  return {};
}

Result<void> sync_data(const UniqueFd& fd, const std::filesystem::path& file) {
  if (::fdatasync(fd.get()) != 0) return file_error("fdatasync", file, errno);
  return {};
}

Result<void> sync_file(const UniqueFd& fd, const std::filesystem::path& file) {
  if (::fsync(fd.get()) != 0) return file_error("fsync", file, errno);
  return {};
}

Result<void> truncate_to(const UniqueFd& fd, std::uint64_t size, const std::filesystem::path& file) {
  int rc = 0;
  do {
    rc = ::ftruncate(fd.get(), static_cast<off_t>(size));
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) return file_error("truncate", file, errno);
  return {};
}

Result<void> sync_directory(const std::filesystem::path& directory) {
  auto dir = open_file(directory, O_RDONLY | O_DIRECTORY);
  if (!dir) return std::move(dir).error();
  return sync_file(*dir, directory);
}

Result<void> rename_over(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return file_error("rename '" + from.string() + "' over", to, errno);
  }
  return {};
}

}  // namespace ckpt::posix
