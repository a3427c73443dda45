#include "flags/replace_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>

#include "journal/posix_file.hpp"

namespace ckpt::flags {
namespace {

std::filesystem::path temporary_name(const std::filesystem::path& file) {
  static std::atomic<unsigned> counter{0};
  return file.parent_path() / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(counter.fetch_add(1)));
}

Result<void> fill_temporary(const posix::UniqueFd& fd, const std::filesystem::path& temporary, std::string_view content,
                            const struct stat& original) {
  if (auto written = posix::write_all_at(fd, 0, content, temporary); !written) return written;
  // Owner and group before the mode: a change of owner may clear set-id bits.
  if (::geteuid() == 0 && ::fchown(fd.get(), original.st_uid, original.st_gid) != 0) {
    return posix::file_error("chown", temporary, errno);
  }
  if (::fchmod(fd.get(), original.st_mode & 07777) != 0) return posix::file_error("chmod", temporary, errno);
  return posix::sync_file(fd, temporary);
}

}  // namespace

Result<void> replace_file_content(const std::filesystem::path& file, std::string_view content) {
  std::error_code error;
  const std::filesystem::path target = std::filesystem::canonical(file, error);
  if (error) return make_error(ErrorCode::internal, "cannot resolve '" + file.string() + "': " + error.message());
  struct stat original {};
  if (::stat(target.c_str(), &original) != 0) return posix::file_error("stat", target, errno);

  const std::filesystem::path temporary = temporary_name(target);
  auto fd = posix::open_file(temporary, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (!fd) return std::move(fd).error();
  auto replaced = fill_temporary(*fd, temporary, content, original);
  if (replaced) replaced = posix::rename_over(temporary, target);
  if (!replaced) {
    ::unlink(temporary.c_str());
    return replaced;
  }
  return posix::sync_directory(target.parent_path());
}

}  // namespace ckpt::flags
