// Prefetches the WAL a recovery will ask for, in parallel, into a spool directory that
// the restore_command only moves files out of (PostgreSQL fetches segments serially;
// with the WAL already local, replay runs 1.5-3x faster, see baseline.md).
// Guarantees: files appear in the spool only complete (copied as `<segment>.tmp`, then
// renamed); the spool holds at most `window` segments ahead of the newest one recovery
// has taken; segments missing from the archive are skipped (restore_command falls back
// to the archive and PostgreSQL decides); segments recovery has passed are removed.
// The workers are threads of their own, stopped and joined by stop() or the destructor.
// The spool directory itself belongs to the caller.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::engine::local {

// Names of the segments holding `from` through `to` on `timeline`, in order.
std::vector<std::string> segments_between(std::uint32_t timeline, Lsn from, Lsn to, std::uint64_t wal_segment_size);

struct WalPrefetchPlan {
  std::filesystem::path archive_directory;
  std::filesystem::path spool_directory;  // must exist
  std::vector<std::string> segments;      // in replay order
  unsigned workers = 4;
  std::size_t window = 64;
};

struct WalPrefetchStats {
  std::size_t fetched = 0;
  std::size_t missing = 0;   // not in the archive when asked for
  std::size_t consumed = 0;  // moved out by restore_command
  std::optional<Error> first_error;
};

class WalPrefetcher {
 public:
  explicit WalPrefetcher(WalPrefetchPlan plan);
  WalPrefetcher(const WalPrefetcher&) = delete;
  WalPrefetcher& operator=(const WalPrefetcher&) = delete;
  ~WalPrefetcher();

  void stop();
  // The counters as of now: segments recovery took since the workers last looked (they
  // stop looking once every segment is fetched) are counted first.
  WalPrefetchStats stats();

 private:
  void work(const std::stop_token& stop);
  // Notices segments restore_command took and drops those recovery has passed.
  void observe_consumption_locked();
  void fetch(std::size_t index);

  WalPrefetchPlan plan_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::size_t next_ = 0;
  std::size_t taken_through_ = 0;  // 1 + index of the newest segment recovery took
  std::set<std::size_t> spooled_;
  WalPrefetchStats stats_;
  std::vector<std::jthread> workers_;
};

}  // namespace ckpt::engine::local
