// A durable append-only log of opaque records, one file (format in journal_format.hpp).
//
// Guarantees:
// - open() creates a missing file atomically (temporary file, fsync, rename, directory
//   fsync) and replays an existing one. A torn final record is dropped and the file
//   truncated to the last good record; corruption followed by later records, or a file
//   without the magic, is an error naming the file (and offset): the daemon must refuse
//   to start rather than lose acknowledged state.
// - append() returns only after the record is on disk (fdatasync). A failed append
//   truncates the file back to its previous end, so the journal stays usable.
// - rewrite() replaces the whole content atomically (compaction); later appends go to
//   the new file.
// - The file is flock()ed for the life of the Journal: a second daemon on the same file
//   is refused. append() and rewrite() are thread-safe. Move-only; owns the fd.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "journal/posix_file.hpp"

namespace ckpt {

class Journal {
 public:
  struct Recovered {
    std::vector<std::string> records;
    std::size_t torn_bytes_dropped = 0;
  };

  static Result<Journal> open(const std::filesystem::path& file, Recovered& out);

  Journal(Journal&&) noexcept = default;
  Journal& operator=(Journal&&) noexcept = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal() = default;

  // Appends one non-empty record durably.
  Result<void> append(std::string_view payload);
  // Appends several records with one write and one fdatasync, in order. On failure none
  // is kept by this process; after a crash a prefix of them may survive.
  Result<void> append_all(std::span<const std::string> payloads);
  // Atomically replaces the journal's content with `records`.
  Result<void> rewrite(const std::vector<std::string>& records);

  const std::filesystem::path& path() const { return path_; }

 private:
  Journal(std::filesystem::path path, posix::UniqueFd fd, std::uint64_t end);

  std::filesystem::path path_;
  posix::UniqueFd fd_;
  std::uint64_t end_ = 0;  // offset just past the last durable record
  // Set when a failed append could not be rolled back: later appends are refused.
  std::optional<Error> broken_;
  std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
};

}  // namespace ckpt
