#include "engine/local/tree_copy.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/local/durable_fs.hpp"
#include "engine/local/file_copy.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;

mode_t permission_bits(const fs::path& path, std::error_code& error) {
  return static_cast<mode_t>(fs::symlink_status(path, error).permissions() & fs::perms::mask);
}

struct FileToCopy {
  fs::path from;
  fs::path to;
  std::uintmax_t size = 0;
  mode_t mode = 0600;
};

class ParallelCopy {
 public:
  explicit ParallelCopy(std::vector<FileToCopy> files) : files_(std::move(files)) {}

  Result<void> run(unsigned workers) {
    {
      std::vector<std::jthread> threads;
      for (unsigned i = 0; i < std::max(1U, workers); ++i) threads.emplace_back([this] { work(); });
    }
    if (first_error_) return *first_error_;
    return {};
  }

 private:
  void work() {
    for (;;) {
      const auto index = next_.fetch_add(1);
      if (index >= files_.size() || failed_.load()) return;
      const auto& file = files_[index];
      if (auto copied = copy_regular_file(file.from, file.to, file.mode); !copied) {
        const std::lock_guard lock{mutex_};
        if (!first_error_) first_error_ = copied.error();
        failed_ = true;
      }
    }
  }

  std::vector<FileToCopy> files_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::optional<Error> first_error_;
};

}  // namespace

Result<TreeCopyStats> copy_tree(const fs::path& source, const fs::path& target, const std::vector<std::string>& skip,
                                unsigned workers) {
  std::error_code error;
  const auto root_mode = permission_bits(source, error);
  if (error) return io_error("cannot read", source, error.value());
  if (::mkdir(target.c_str(), root_mode) != 0) return io_error("cannot create directory", target, errno);

  std::vector<FileToCopy> files;
  TreeCopyStats stats;
  fs::recursive_directory_iterator walk{source, error};
  if (error) return io_error("cannot read", source, error.value());
  for (; walk != fs::recursive_directory_iterator{}; walk.increment(error)) {
    if (error) return io_error("cannot read", walk->path(), error.value());
    const auto relative = walk->path().lexically_relative(source);
    if (walk.depth() == 0 && std::find(skip.begin(), skip.end(), relative.string()) != skip.end()) {
      if (walk->is_directory(error)) walk.disable_recursion_pending();
      continue;
    }
    const auto destination = target / relative;
    const auto status = walk->symlink_status(error);
    if (error) return io_error("cannot stat", walk->path(), error.value());
    if (fs::is_symlink(status)) {
      fs::create_symlink(fs::read_symlink(walk->path(), error), destination, error);
      if (error) return io_error("cannot create link", destination, error.value());
    } else if (fs::is_directory(status)) {
      const auto mode = static_cast<mode_t>(status.permissions() & fs::perms::mask);
      if (::mkdir(destination.c_str(), mode) != 0 || ::chmod(destination.c_str(), mode) != 0) {
        return io_error("cannot create directory", destination, errno);
      }
    } else if (fs::is_regular_file(status)) {
      const auto size = walk->file_size(error);
      if (error) return io_error("cannot stat", walk->path(), error.value());
      files.push_back({walk->path(), destination, size, static_cast<mode_t>(status.permissions() & fs::perms::mask)});
      stats.bytes += size;
    }
  }
  if (::chmod(target.c_str(), root_mode) != 0) return io_error("cannot set the mode of", target, errno);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.size > b.size; });
  stats.files = files.size();
  if (auto copied = ParallelCopy{std::move(files)}.run(workers); !copied) return copied.error();
  return stats;
}

std::uint64_t directory_bytes(const std::filesystem::path& directory) {
  std::uint64_t bytes = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
    if (entry.is_regular_file(error)) bytes += entry.file_size(error);
  }
  return bytes;
}

}  // namespace ckpt::engine::local
