#include "engine/local/file_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "engine/local/durable_fs.hpp"

namespace ckpt::engine::local {
namespace {

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Result<void> copy_with_read_write(const Descriptor& source, const Descriptor& target, const std::filesystem::path& from,
                                  const std::filesystem::path& to) {
  char buffer[1 << 16];
  for (;;) {
    const auto count = ::read(source.get(), buffer, sizeof buffer);
    if (count == 0) return {};
    if (count < 0) {
      if (errno == EINTR) continue;
      return io_error("cannot read", from, errno);
    }
    for (ssize_t written = 0; written < count;) {
      const auto done = ::write(target.get(), buffer + written, static_cast<std::size_t>(count - written));
      if (done < 0) {
        if (errno == EINTR) continue;
        return io_error("cannot write", to, errno);
      }
      written += done;
    }
  }
}

bool kernel_cannot_copy(int error_number) {
  return error_number == EXDEV || error_number == ENOSYS || error_number == EINVAL || error_number == EOPNOTSUPP;
}

}  // namespace

Result<void> copy_regular_file(const std::filesystem::path& from, const std::filesystem::path& to, mode_t mode) {
  Descriptor source{::open(from.c_str(), O_RDONLY | O_CLOEXEC)};
  if (source.get() < 0) return io_error("cannot open", from, errno);
  Descriptor target{::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)};
  if (target.get() < 0) return io_error("cannot create", to, errno);
  bool copied_any = false;
  for (;;) {
    const auto count = ::copy_file_range(source.get(), nullptr, target.get(), nullptr, std::size_t{1} << 30, 0);
    if (count == 0) break;
    if (count > 0) {
      copied_any = true;
    } else if (errno != EINTR) {
      if (copied_any || !kernel_cannot_copy(errno)) return io_error("cannot copy " + from.string() + " to", to, errno);
      if (auto copied = copy_with_read_write(source, target, from, to); !copied) return copied;
      break;
    }
  }
  if (::fchmod(target.get(), mode) != 0) return io_error("cannot set the mode of", to, errno);
  return {};
}

}  // namespace ckpt::engine::local
