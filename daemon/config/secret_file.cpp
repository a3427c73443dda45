#include "config/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ckpt::config {
namespace {

// Closes the descriptor on every return path.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Error secret_error(const std::filesystem::path& path, const std::string& problem) {
  return make_error(ErrorCode::bad_request, "secret file '" + path.string() + "' " + problem);
}

std::string octal_mode(mode_t mode) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04o", static_cast<unsigned>(mode & 07777));
  return buffer.data();
}

}  // namespace

Result<std::string> read_secret_file(const std::filesystem::path& path) {
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.get() < 0) return secret_error(path, std::string("cannot be read: ") + std::strerror(errno));
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return secret_error(path, std::string("cannot be read: ") + std::strerror(errno));
  }
  if (!S_ISREG(status.st_mode)) return secret_error(path, "is not a regular file");
  if ((status.st_mode & 0077) != 0) {
    return secret_error(path, "is accessible by group or others (mode " + octal_mode(status.st_mode) +
                                  "); run: chmod 600 " + path.string());
  }
  std::string content;
  std::array<char, 4096> chunk{};
  for (;;) {
    const ssize_t count = ::read(file.get(), chunk.data(), chunk.size());
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) return secret_error(path, std::string("cannot be read: ") + std::strerror(errno));
    if (count == 0) break;
    content.append(chunk.data(), static_cast<std::size_t>(count));
  }
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
  if (content.empty()) return secret_error(path, "is empty; write the secret into it (one line)");
  return content;
}

}  // namespace ckpt::config
