// Error-as-value wrappers over the POSIX file calls the journal needs: an owning file
// descriptor, whole-file reads, positioned writes, data/file/directory syncs,
// truncation and an exclusive advisory lock. Every error names the file and errno.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::posix {

// Owns one file descriptor; closes it on destruction. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept;
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// "cannot <action> '<file>': <strerror(err)>", code internal.
Error file_error(std::string_view action, const std::filesystem::path& file, int err);

Result<UniqueFd> open_file(const std::filesystem::path& file, int flags, unsigned mode = 0600);
// Takes a non-blocking exclusive flock(); fails with `unavailable` when another open
// file description (another daemon) holds it.
Result<void> lock_exclusive(const UniqueFd& fd, const std::filesystem::path& file);
Result<std::string> read_all(const UniqueFd& fd, const std::filesystem::path& file);
// Writes all of `bytes` at `offset`, retrying short writes and EINTR.
Result<void> write_all_at(const UniqueFd& fd, std::uint64_t offset, std::string_view bytes,
                          const std::filesystem::path& file);
Result<void> sync_data(const UniqueFd& fd, const std::filesystem::path& file);
Result<void> sync_file(const UniqueFd& fd, const std::filesystem::path& file);
Result<void> truncate_to(const UniqueFd& fd, std::uint64_t size, const std::filesystem::path& file);
// fsync() of the directory so that a create or rename in it is durable.
Result<void> sync_directory(const std::filesystem::path& directory);
Result<void> rename_over(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace ckpt::posix
