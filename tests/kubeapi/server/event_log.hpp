// EventLog: the bounded history of changes that watch streams read from, plus a wake-up
// list for the streams waiting on it.
//
// Guarantees:
// - Events are appended in strictly increasing resourceVersion order; events_after(rv)
//   returns every retained event newer than rv, in order, or an Expired error (410) when
//   some of them are gone: dropped for capacity or by compact().
// - expire_open_watches() bumps the expiry generation: streams started before must end
//   with a 410 ERROR event (what an API server does when it resets its watch cache).
// - Wakers run on the appending thread, under the log's lock: they must only post work
//   elsewhere (e.g. asio::post to a stream's strand), never call back into the log.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/change_event.hpp"

namespace ckpt::kubeapi {

struct EventBatch {
  std::vector<ChangeEventPtr> events;
  // The newest resourceVersion the log has seen: a stream that consumed this batch is
  // up to date through it, whether or not any event concerned it.
  std::uint64_t through = 0;
};

class EventLog {
 public:
  using Waker = std::function<void()>;

  // Unsubscribes when destroyed.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    ~Subscription();

   private:
    friend class EventLog;
    Subscription(EventLog* log, std::uint64_t id) : log_(log), id_(id) {}

    EventLog* log_ = nullptr;
    std::uint64_t id_ = 0;
  };

  explicit EventLog(std::size_t capacity);

  void append(ChangeEventPtr event);
  Result<EventBatch> events_after(std::uint64_t resource_version) const;

  // Forgets every event up to and including `through`.
  void compact(std::uint64_t through);
  void expire_open_watches();
  std::uint64_t expiry_generation() const;

  [[nodiscard]] Subscription subscribe(Waker waker);
  std::size_t subscriber_count() const;

 private:
  void unsubscribe(std::uint64_t id);
  void wake_all();

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<ChangeEventPtr> history_;
  std::uint64_t latest_ = 0;
  std::uint64_t compacted_through_ = 0;
  std::uint64_t expiry_generation_ = 0;
  std::uint64_t next_subscriber_ = 1;
  std::map<std::uint64_t, Waker> wakers_;
};

}  // namespace ckpt::kubeapi
