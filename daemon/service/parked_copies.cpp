#include "service/parked_copies.hpp"

#include <spdlog/fmt/fmt.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/parked_copy_policy.hpp"
#include "obs/context_logger.hpp"
#include "obs/logging.hpp"

namespace ckpt::service {
namespace {

constexpr Millis kSweepInterval{1000};
// A failed removal is tried again after this, doubling up to kLongestRemovalBackoff.
constexpr Millis kFirstRemovalBackoff{5000};
constexpr Millis kLongestRemovalBackoff{10 * 60'000};
constexpr std::string_view kRemovalFailed = "could not be removed: ";

std::string removal_reason(const Checkpoint& checkpoint) {
  const auto& copy = *checkpoint.parked_copy;
  if (copy.state != parked_copy_state::failed)
    return "no restore to checkpoint " + checkpoint.id + " can come any more";
  return copy.message.starts_with(kRemovalFailed) ? "an earlier removal failed" : "its build failed";
}

obs::ContextLogger log_for(const Checkpoint& checkpoint) {
  return obs::ContextLogger(obs::logger("prewarm"),
                            {{"checkpoint", checkpoint.id}, {"cluster", checkpoint.request.cluster}});
}

}  // namespace

void ParkedCopies::start() {
  tasks_.spawn(sweep_forever());
}

bool ParkedCopies::build_running(const std::string& id) const {
  const std::lock_guard lock{building_mutex_};
  return building_.contains(id);
}

bool ParkedCopies::removal_backing_off(const std::string& id) const {
  const std::lock_guard lock{building_mutex_};
  const auto found = removal_retries_.find(id);
  return found != removal_retries_.end() && std::chrono::steady_clock::now() < found->second.next_attempt;
}

Millis ParkedCopies::removal_failed(const std::string& id, bool failed) {
  const std::lock_guard lock{building_mutex_};
  if (!failed) {
    removal_retries_.erase(id);
    return Millis{0};
  }
  auto& retry = removal_retries_[id];
  retry.backoff =
      retry.backoff.count() == 0 ? kFirstRemovalBackoff : std::min(retry.backoff * 2, kLongestRemovalBackoff);
  retry.next_attempt = std::chrono::steady_clock::now() + retry.backoff;
  return retry.backoff;
}

void ParkedCopies::set_build_running(const std::string& id, bool running) {
  const std::lock_guard lock{building_mutex_};
  if (running) {
    building_.insert(id);
  } else {
    building_.erase(id);
  }
}

boost::asio::awaitable<void> ParkedCopies::sweep_forever() {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (!stopping_.load()) {
    co_await sweep_once();
    timer.expires_after(kSweepInterval);
    boost::system::error_code ignored;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }
}

boost::asio::awaitable<void> ParkedCopies::sweep_once() {
  const auto checkpoints =
      co_await context_.on_pool([this] { return context_.store.list(std::nullopt, std::nullopt); });
  const auto now = context_.clock();
  for (const auto& checkpoint : checkpoints) {
    if (stopping_.load()) co_return;
    const auto engine = context_.engines.find(checkpoint.request.cluster);
    if (engine == context_.engines.end() || build_running(checkpoint.id)) continue;
    if (parked_copy_to_remove(checkpoint, now)) {
      if (removal_backing_off(checkpoint.id)) continue;
      co_await remove(checkpoint);
    } else if (checkpoint.parked_copy && checkpoint.parked_copy->state == parked_copy_state::building &&
               parked_copy_wanted(checkpoint, now)) {
      log_for(checkpoint)
          .info("building the parked copy {} on port {}", checkpoint.parked_copy->target, checkpoint.parked_copy->port);
      set_build_running(checkpoint.id, true);
      tasks_.spawn(build(checkpoint.id));
    }
  }
}

boost::asio::awaitable<void> ParkedCopies::build(std::string id) {
  struct Done {
    ParkedCopies& self;
    const std::string& id;
    ~Done() { self.set_build_running(id, false); }
  } done{*this, id};
  const auto checkpoint = context_.store.get(id);
  if (!checkpoint || !checkpoint->parked_copy) co_return;
  const auto log = log_for(*checkpoint);
  const auto started = std::chrono::steady_clock::now();
  auto built = co_await context_.engines.at(checkpoint->request.cluster)->build_parked_copy(*checkpoint);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string message;
  if (built) {
    message = fmt::format("parked copy {} paused at the target after {:.1f} s, taking {}", built->target, seconds,
                          describe_disk(built->disk_bytes));
    log.info("{}", message);
  } else {
    message = "the parked copy could not be built: " + built.error().message;
    log.warn("{}", message);
  }
  auto recorded = co_await context_.on_pool([&] {
    return context_.store.update(
        id,
        [&](Checkpoint& c) {
          if (!c.parked_copy || c.parked_copy->state != parked_copy_state::building) return;
          if (built) {
            c.parked_copy = built.value();
          } else {
            c.parked_copy->state = parked_copy_state::failed;
            c.parked_copy->message = built.error().message;
          }
        },
        "parked_copy", message);
  });
  if (!recorded) log.warn("could not record the parked copy: {}", recorded.error().message);
}

boost::asio::awaitable<void> ParkedCopies::remove(const Checkpoint& checkpoint) {
  const auto log = log_for(checkpoint);
  const auto now = context_.clock();
  bool removing = false;
  const std::string why = removal_reason(checkpoint);
  auto recorded = co_await context_.on_pool([&] {
    return context_.store.update(
        checkpoint.id,
        [&](Checkpoint& c) {
          removing = parked_copy_to_remove(c, now);
          if (!removing) return;
          c.parked_copy->state = parked_copy_state::removed;
          c.parked_copy->message = "removed: " + why;
        },
        "parked_copy", "removing the parked copy " + checkpoint.parked_copy->target + ": " + why);
  });
  if (!recorded || !removing) co_return;
  if (checkpoint.parked_copy->target.empty()) co_return;  // never created
  auto removed = co_await context_.engines.at(checkpoint.request.cluster)->remove_parked_copy(*recorded);
  if (removed) {
    removal_failed(checkpoint.id, false);
    log.info("removed the parked copy {}", checkpoint.parked_copy->target);
    co_return;
  }
  const auto retry_in = removal_failed(checkpoint.id, true);
  log.warn("could not remove the parked copy {} (tried again in {} s): {}", checkpoint.parked_copy->target,
           std::chrono::duration_cast<std::chrono::seconds>(retry_in).count(), removed.error().message);
  co_await context_.on_pool([&] {
    return context_.store.update(
        checkpoint.id,
        [&](Checkpoint& c) {
          c.parked_copy->state = parked_copy_state::failed;
          c.parked_copy->message = std::string{kRemovalFailed} + removed.error().message;
        },
        "parked_copy", "the parked copy could not be removed (tried again later): " + removed.error().message);
  });
}

}  // namespace ckpt::service
