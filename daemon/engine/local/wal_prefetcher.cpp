#include "engine/local/wal_prefetcher.hpp"

#include <algorithm>

#include "engine/local/durable_fs.hpp"
#include "engine/local/file_copy.hpp"

namespace ckpt::engine::local {
namespace {

constexpr auto kRecheckInterval = std::chrono::milliseconds(10);

}  // namespace

std::vector<std::string> segments_between(std::uint32_t timeline, Lsn from, Lsn to, std::uint64_t wal_segment_size) {
  std::vector<std::string> names;
  for (auto segno = wal_segment_number(from, wal_segment_size); segno <= wal_segment_number(to, wal_segment_size);
       ++segno) {
    names.push_back(wal_file_name(timeline, segno, wal_segment_size));
  }
  return names;
}

WalPrefetcher::WalPrefetcher(WalPrefetchPlan plan) : plan_(std::move(plan)) {
  for (unsigned i = 0; i < std::max(1U, plan_.workers); ++i) {
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

WalPrefetcher::~WalPrefetcher() { stop(); }

void WalPrefetcher::stop() {
  for (auto& worker : workers_) worker.request_stop();
  wake_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

WalPrefetchStats WalPrefetcher::stats() {
  const std::lock_guard lock{mutex_};
  observe_consumption_locked();
  return stats_;
}

void WalPrefetcher::observe_consumption_locked() {
  std::error_code error;
  for (auto it = spooled_.begin(); it != spooled_.end();) {
    if (std::filesystem::exists(plan_.spool_directory / plan_.segments[*it], error)) {
      ++it;
      continue;
    }
    taken_through_ = std::max(taken_through_, *it + 1);
    ++stats_.consumed;
    it = spooled_.erase(it);
  }
  while (!spooled_.empty() && *spooled_.begin() + 1 < taken_through_) {
    std::filesystem::remove(plan_.spool_directory / plan_.segments[*spooled_.begin()], error);
    spooled_.erase(spooled_.begin());
  }
}

void WalPrefetcher::work(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    std::size_t index = 0;
    {
      std::unique_lock lock{mutex_};
      observe_consumption_locked();
      if (next_ >= plan_.segments.size()) return;
      if (next_ >= taken_through_ + plan_.window) {
        wake_.wait_for(lock, stop, kRecheckInterval, [] { return false; });
        continue;
      }
      index = next_++;
    }
    fetch(index);
  }
}

void WalPrefetcher::fetch(std::size_t index) {
  const auto& name = plan_.segments[index];
  const auto source = plan_.archive_directory / name;
  const auto temporary = plan_.spool_directory / (name + ".tmp");
  std::error_code error;
  std::filesystem::remove(temporary, error);
  auto copied = copy_regular_file(source, temporary, 0600);
  if (copied) {
    std::filesystem::rename(temporary, plan_.spool_directory / name, error);
    if (error) copied = io_error("cannot rename", temporary, error.value());
  }
  const std::lock_guard lock{mutex_};
  if (copied) {
    ++stats_.fetched;
    spooled_.insert(index);
    return;
  }
  std::filesystem::remove(temporary, error);
  if (!std::filesystem::exists(source, error)) {
    ++stats_.missing;
  } else if (!stats_.first_error) {
    stats_.first_error = copied.error();
  }
}

}  // namespace ckpt::engine::local
