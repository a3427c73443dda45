#include "engine/local/durable_fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace ckpt::engine::local {
namespace {

class OpenFile {
 public:
  OpenFile(const std::filesystem::path& path, int flags, mode_t mode = 0)
      : fd_(::open(path.c_str(), flags | O_CLOEXEC, mode)) {}
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_;
};

std::filesystem::path parent_of(const std::filesystem::path& path) {
  auto parent = path.parent_path();
  return parent.empty() ? std::filesystem::path{"."} : parent;
}

}  // namespace

Error io_error(std::string_view action, const std::filesystem::path& path, int error_number) {
  return make_error(ErrorCode::engine_error,
                    std::string{action} + " " + path.string() + ": " + std::strerror(error_number));
}

Result<std::string> read_text_file(const std::filesystem::path& file) {
  std::ifstream stream{file, std::ios::binary};
  if (!stream) return io_error("cannot read", file, errno);
  std::ostringstream content;
  content << stream.rdbuf();
  if (stream.bad()) return io_error("cannot read", file, errno);
  return content.str();
}

Result<void> write_file_synced(const std::filesystem::path& file, std::string_view content) {
  OpenFile out{file, O_WRONLY | O_CREAT | O_TRUNC, 0600};
  if (!out) return io_error("cannot create", file, errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const auto count = ::write(out.get(), content.data() + written, content.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      return io_error("cannot write", file, errno);
    }
    written += static_cast<std::size_t>(count);
  }
  if (::fsync(out.get()) != 0) return io_error("cannot fsync", file, errno);
  return {};
}

Result<void> fsync_path(const std::filesystem::path& path) {
  OpenFile handle{path, O_RDONLY};
  if (!handle) return io_error("cannot open", path, errno);
  if (::fsync(handle.get()) != 0) return io_error("cannot fsync", path, errno);
  return {};
}

Result<void> rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return io_error("cannot rename " + from.string() + " to", to, errno);
  }
  if (auto synced = fsync_path(parent_of(to)); !synced) return synced;
  if (parent_of(from) != parent_of(to)) return fsync_path(parent_of(from));
  return {};
}

Result<void> sync_file_system_of(const std::filesystem::path& path) {
  OpenFile handle{path, O_RDONLY};
  if (!handle) return io_error("cannot open", path, errno);
  if (::syncfs(handle.get()) != 0) return io_error("cannot sync the file system of", path, errno);
  return {};
}

Result<void> ensure_private_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (std::filesystem::is_directory(directory, error)) return {};
  std::vector<std::filesystem::path> missing;
  for (auto current = directory; !current.empty() && !std::filesystem::exists(current, error);
       current = current.parent_path()) {
    missing.push_back(current);
    if (current == current.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) return io_error("cannot create directory", *it, errno);
  }
  return {};
}

Result<void> remove_tree(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::remove_all(path, error);
  if (error) return io_error("cannot remove", path, error.value());
  return {};
}

}  // namespace ckpt::engine::local
