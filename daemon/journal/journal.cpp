#include "journal/journal.hpp"

#include <fcntl.h>

#include <cerrno>
#include <limits>
#include <utility>

#include "journal/journal_format.hpp"

namespace ckpt {
namespace {

std::filesystem::path directory_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path{"."};
}

Result<std::string> encode_image(std::span<const std::string> records, bool with_magic,
                                 const std::filesystem::path& file) {
  std::string image{with_magic ? kJournalMagic : std::string_view{}};
  for (const auto& record : records) {
    if (record.empty()) {
      return make_error(ErrorCode::internal,
                        "refusing to write an empty record to journal '" + file.string() + "'");
    }
    if (record.size() > std::numeric_limits<std::uint32_t>::max()) {
      return make_error(ErrorCode::internal, "refusing to write a record of " +
                                                 std::to_string(record.size()) +
                                                 " bytes to journal '" + file.string() +
                                                 "' (the limit is 4 GiB)");
    }
    encode_journal_record(image, record);
  }
  return image;
}

// A file that has taken the place of the journal: its fd (locked) and whether the
// rename was made durable. The fd must be adopted even when the directory sync failed,
// because the path already names the new file.
struct Installed {
  posix::UniqueFd fd;
  Result<void> rename_synced;
};

// Writes `image` to a temporary file next to `file`, fsyncs it, locks it and renames
// it over `file`, then fsyncs the directory.
Result<Installed> install_image(const std::filesystem::path& file, std::string_view image) {
  const std::filesystem::path temp = file.string() + ".tmp";
  auto fd = posix::open_file(temp, O_RDWR | O_CREAT | O_TRUNC);
  if (!fd) return std::move(fd).error();
  auto written = posix::write_all_at(*fd, 0, image, temp);
  if (written) written = posix::sync_file(*fd, temp);
  if (written) written = posix::lock_exclusive(*fd, temp);
  if (written) written = posix::rename_over(temp, file);
  if (!written) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return std::move(written).error();
  }
  return Installed{std::move(*fd), posix::sync_directory(directory_of(file))};
}

Result<Journal::Recovered> replay_into(const posix::UniqueFd& fd, const std::filesystem::path& file,
                                       std::uint64_t& end) {
  auto image = posix::read_all(fd, file);
  if (!image) return std::move(image).error();
  auto scan = scan_journal_image(*image, file);
  if (!scan) return std::move(scan).error();
  Journal::Recovered recovered;
  recovered.records = std::move(scan->records);
  recovered.torn_bytes_dropped = image->size() - scan->valid_end;
  if (recovered.torn_bytes_dropped > 0) {
    auto truncated = posix::truncate_to(fd, scan->valid_end, file);
    if (truncated) truncated = posix::sync_file(fd, file);
    if (!truncated) return std::move(truncated).error();
  }
  end = scan->valid_end;
  return recovered;
}

}  // namespace

Journal::Journal(std::filesystem::path path, posix::UniqueFd fd, std::uint64_t end)
    : path_(std::move(path)), fd_(std::move(fd)), end_(end) {}

Result<Journal> Journal::open(const std::filesystem::path& file, Recovered& out) {
  out = Recovered{};
  auto existing = posix::open_file(file, O_RDWR);
  if (!existing) {
    if (!std::filesystem::exists(file)) {
      auto created = install_image(file, kJournalMagic);
      if (!created) return std::move(created).error();
      if (!created->rename_synced) return std::move(created->rename_synced).error();
      return Journal{file, std::move(created->fd), kJournalMagic.size()};
    }
    return std::move(existing).error();
  }
  if (auto locked = posix::lock_exclusive(*existing, file); !locked) return std::move(locked).error();
  std::uint64_t end = 0;
  auto recovered = replay_into(*existing, file, end);
  if (!recovered) return std::move(recovered).error();
  out = std::move(*recovered);
  return Journal{file, std::move(*existing), end};
}

Result<void> Journal::append(std::string_view payload) {
  const std::string record{payload};
  return append_all(std::span{&record, 1});
}

Result<void> Journal::append_all(std::span<const std::string> payloads) {
  const std::lock_guard lock{*mutex_};
  if (broken_) return *broken_;
  auto bytes = encode_image(payloads, false, path_);
  if (!bytes) return std::move(bytes).error();
  auto written = posix::write_all_at(fd_, end_, *bytes, path_);
  if (written) written = posix::sync_data(fd_, path_);
  if (!written) {
    if (auto rolled_back = posix::truncate_to(fd_, end_, path_); !rolled_back) {
      broken_ = make_error(ErrorCode::internal,
                           "journal '" + path_.string() + "' could not be rolled back after a failed " +
                               "append (" + rolled_back.error().message +
                               "); restart the daemon to recover it");
    }
    return std::move(written).error();
  }
  end_ += bytes->size();
  return {};
}

Result<void> Journal::rewrite(const std::vector<std::string>& records) {
  const std::lock_guard lock{*mutex_};
  auto image = encode_image(records, true, path_);
  if (!image) return std::move(image).error();
  auto installed = install_image(path_, *image);
  if (!installed) return std::move(installed).error();
  fd_ = std::move(installed->fd);
  end_ = image->size();
  broken_.reset();
  return std::move(installed->rename_synced);
}

}  // namespace ckpt
