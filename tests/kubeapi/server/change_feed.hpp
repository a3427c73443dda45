// ChangeFeed: delivers every committed change to in-process subscribers (tests, the CNPG
// operator emulation) on one dedicated thread, in resourceVersion order.
//
// Guarantees:
// - A subscriber gets exactly the changes published after subscribe() returned.
// - Callbacks run one at a time on the feed's thread, never under the store's lock, so a
//   callback may call the store (and its writes come back as later events). A callback
//   should hand long work to its own thread: it delays every later delivery.
// - After a Subscription is destroyed (or reset) on another thread, its callback is not
//   running and will not run again. Destroyed on the feed thread (inside a callback), it
//   takes effect from the next event.
// - flush() returns once every event published before the call has been delivered.
// - An exception thrown by a callback is logged and does not stop the feed.
// - Events still queued when the feed is destroyed are not delivered.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "kubeapi/server/change_event.hpp"

namespace ckpt::kubeapi {

class ChangeFeed {
 public:
  using Callback = std::function<void(const ChangeEvent&)>;

  class Subscription {
   public:
    Subscription() = default;
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    ~Subscription();
    void reset();

   private:
    friend class ChangeFeed;
    Subscription(ChangeFeed* feed, std::uint64_t id) : feed_(feed), id_(id) {}

    ChangeFeed* feed_ = nullptr;
    std::uint64_t id_ = 0;
  };

  ChangeFeed();
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  void publish(ChangeEventPtr event);
  [[nodiscard]] Subscription subscribe(Callback callback);
  void flush();

 private:
  void unsubscribe(std::uint64_t id);
  void run();
  bool on_feed_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

  std::mutex mutex_;
  std::condition_variable changed_;
  struct Subscriber {
    Callback callback;
    std::uint64_t after = 0;  // the number of events published before it subscribed
  };

  // Events numbered in publication order (1, 2, ...).
  std::deque<std::pair<std::uint64_t, ChangeEventPtr>> queue_;
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::uint64_t next_id_ = 1;
  std::uint64_t published_ = 0;
  std::uint64_t delivered_ = 0;
  bool stopping_ = false;
  // Held while callbacks run, so that unsubscribing from another thread waits for them.
  std::mutex delivery_;
  std::thread thread_;
};

}  // namespace ckpt::kubeapi
