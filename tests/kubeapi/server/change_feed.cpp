#include "kubeapi/server/change_feed.hpp"

#include <exception>
#include <tuple>
#include <utility>
#include <vector>

#include "kubeapi/server/logger.hpp"

namespace ckpt::kubeapi {

ChangeFeed::Subscription::Subscription(Subscription&& other) noexcept
    : feed_(std::exchange(other.feed_, nullptr)), id_(other.id_) {}

ChangeFeed::Subscription& ChangeFeed::Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    feed_ = std::exchange(other.feed_, nullptr);
    id_ = other.id_;
  }
  return *this;
}

ChangeFeed::Subscription::~Subscription() { reset(); }

void ChangeFeed::Subscription::reset() {
  if (feed_) std::exchange(feed_, nullptr)->unsubscribe(id_);
}

ChangeFeed::ChangeFeed() : thread_([this] { run(); }) {}

ChangeFeed::~ChangeFeed() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ChangeFeed::publish(ChangeEventPtr event) {
  {
    std::lock_guard lock(mutex_);
    ++published_;
    queue_.emplace_back(published_, std::move(event));
  }
  changed_.notify_all();
}

ChangeFeed::Subscription ChangeFeed::subscribe(Callback callback) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  subscribers_.emplace(id, Subscriber{std::move(callback), published_});
  return Subscription(this, id);
}

void ChangeFeed::flush() {
  if (on_feed_thread()) return;
  std::unique_lock lock(mutex_);
  const std::uint64_t target = published_;
  changed_.wait(lock, [&] { return delivered_ >= target || stopping_; });
}

void ChangeFeed::unsubscribe(std::uint64_t id) {
  {
    std::lock_guard lock(mutex_);
    subscribers_.erase(id);
  }
  if (!on_feed_thread()) std::lock_guard wait_for_running_callbacks(delivery_);
}

void ChangeFeed::run() {
  for (;;) {
    std::uint64_t number = 0;
    ChangeEventPtr event;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      std::tie(number, event) = std::move(queue_.front());
      queue_.pop_front();
    }
    {
      std::lock_guard running(delivery_);
      std::vector<Callback> callbacks;
      {
        std::lock_guard lock(mutex_);
        for (const auto& [id, subscriber] : subscribers_) {
          if (subscriber.after < number) callbacks.push_back(subscriber.callback);
        }
      }
      for (const auto& callback : callbacks) {
        try {
          callback(*event);
        } catch (const std::exception& failure) {
          logger()->error("change subscriber failed on {} {}/{}: {}", event_type_name(event->type),
                          event->namespace_name(), event->name(), failure.what());
        }
      }
    }
    {
      std::lock_guard lock(mutex_);
      ++delivered_;
    }
    changed_.notify_all();
  }
}

}  // namespace ckpt::kubeapi
