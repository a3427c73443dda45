#include "kube/watch.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <set>
#include <variant>

#include "kube/api_status.hpp"
#include "net/deadline.hpp"
#include "obs/logging.hpp"

namespace ckpt::kube {
namespace {

namespace asio = boost::asio;

const std::shared_ptr<spdlog::logger>& kube_logger() {
  static const auto logger = obs::logger("kube");
  return logger;
}

std::string key_of(const boost::json::object& object) {
  return metadata_field(object, "namespace") + "/" + metadata_field(object, "name");
}

// Errors that another attempt may not see: connection trouble, timeouts, 429 and 5xx.
bool is_transient(const Error& error) {
  return error.code == ErrorCode::unreachable || error.code == ErrorCode::deadline_exceeded ||
         error.code == ErrorCode::engine_error;
}

std::string describe_watch(const WatchOptions& options) {
  std::string text = options.ref.describe();
  if (!options.query.label_selector.empty()) text += " with labels " + options.query.label_selector;
  return text;
}

}  // namespace

Watcher::Watcher(KubeClient& client, WatchOptions options)
    : client_(client),
      options_(std::move(options)),
      what_(describe_watch(options_)),
      resource_version_(options_.resource_version),
      must_list_(options_.resource_version.empty()),
      rng_(std::random_device{}()) {}

Watcher::~Watcher() = default;

asio::awaitable<Result<WatchEvent>> Watcher::next(std::chrono::milliseconds timeout) {
  asio::steady_timer timer(client_.executor(), timeout);
  auto outcome = co_await net::within(next_event(), timer);
  if (outcome) co_return std::move(*outcome);
  stream_.reset();
  co_return make_error(ErrorCode::deadline_exceeded,
                       "no change to " + what_ + " within " + std::to_string(timeout.count()) + " ms");
}

asio::awaitable<Result<void>> Watcher::run(std::function<void(const WatchEvent&)> on_event) {
  for (;;) {
    auto event = co_await next_event();
    if (!event) co_return std::move(event).error();
    on_event(*event);
  }
}

asio::awaitable<Result<WatchEvent>> Watcher::next_event() {
  for (;;) {
    if (!ready_.empty()) {
      WatchEvent event = std::move(ready_.front());
      ready_.pop_front();
      co_return event;
    }
    if (must_list_) {
      auto listed = co_await relist();
      if (listed) continue;
      auto cancelled = co_await cancellation_error();
      if (cancelled) co_return *cancelled;
      if (!is_transient(listed.error())) co_return std::move(listed).error();
      co_await back_off(listed.error().message);
      continue;
    }
    if (!stream_) {
      auto connected = co_await connect();
      if (connected) continue;
      auto cancelled = co_await cancellation_error();
      if (cancelled) co_return *cancelled;
      if (is_expired(connected.error())) {
        must_list_ = true;
        continue;
      }
      if (!is_transient(connected.error())) co_return std::move(connected).error();
      co_await back_off(connected.error().message);
      continue;
    }
    auto line = co_await stream_->next_line(options_.idle_timeout);
    if (!line) {
      stream_.reset();
      auto cancelled = co_await cancellation_error();
      if (cancelled) co_return *cancelled;
      co_await back_off(line.error().message);
      continue;
    }
    if (!*line) {
      // The server ended the watch (timeoutSeconds): resume where it stopped.
      stream_.reset();
      continue;
    }
    if (line->value().empty()) continue;
    auto taken = take_line(**line);
    if (!taken) {
      stream_.reset();
      co_await back_off(taken.error().message);
      continue;
    }
    if (must_list_) stream_.reset();
  }
}

asio::awaitable<Result<void>> Watcher::relist() {
  ++lists_;
  const ListQuery query = narrowed_to(options_.ref, options_.query);
  auto listed = co_await client_.list(options_.ref, query);
  if (!listed) co_return std::move(listed).error();
  const auto* items = listed->if_contains("items");
  std::set<std::string> present;
  if (items && items->is_array()) {
    for (const auto& item : items->get_array()) {
      if (!item.is_object()) continue;
      const auto& object = item.get_object();
      const std::string key = key_of(object);
      present.insert(key);
      const auto known = known_.find(key);
      if (known == known_.end()) {
        deliver({WatchEventType::added, object});
      } else if (metadata_field(known->second, "resourceVersion") != metadata_field(object, "resourceVersion")) {
        deliver({WatchEventType::modified, object});
      }
    }
  }
  for (auto known = known_.begin(); known != known_.end();) {
    auto current = known++;
    if (!present.contains(current->first)) deliver({WatchEventType::deleted, current->second});
  }
  resource_version_ = metadata_field(*listed, "resourceVersion");
  must_list_ = false;
  co_return Result<void>{};
}

asio::awaitable<Result<void>> Watcher::connect() {
  auto opened = co_await client_.open_watch(options_.ref, options_.query, resource_version_, options_.server_timeout);
  if (!opened) co_return std::move(opened).error();
  stream_ = std::move(*opened);
  co_return Result<void>{};
}

Result<void> Watcher::take_line(const std::string& line) {
  auto parsed = parse_watch_line(line);
  if (!parsed) return std::move(parsed).error();
  if (const auto* failure = std::get_if<WatchErrorEvent>(&*parsed)) {
    if (failure->code != 410) {
      return make_error(ErrorCode::engine_error, "the server ended the watch with an error (" +
                                                     std::to_string(failure->code) + " " + failure->reason + ": " +
                                                     failure->message + ")");
    }
    kube_logger()->info("watch of {}: resourceVersion \"{}\" expired ({}); listing again", what_, resource_version_,
                        failure->message);
    must_list_ = true;
    return {};
  }
  failures_ = 0;
  auto& event = std::get<WatchEvent>(*parsed);
  const std::string version = metadata_field(event.object, "resourceVersion");
  if (event.type == WatchEventType::bookmark) {
    if (!version.empty()) resource_version_ = version;
    deliver(std::move(event));
    return {};
  }
  const auto known = known_.find(key_of(event.object));
  const bool repeat = event.type != WatchEventType::deleted && known != known_.end() && !version.empty() &&
                      metadata_field(known->second, "resourceVersion") == version;
  if (!version.empty()) resource_version_ = version;
  if (!repeat) deliver(std::move(event));
  return {};
}

void Watcher::deliver(WatchEvent event) {
  const std::string key = key_of(event.object);
  if (event.type == WatchEventType::deleted) {
    known_.erase(key);
  } else if (event.type != WatchEventType::bookmark) {
    known_[key] = event.object;
  }
  ready_.push_back(std::move(event));
}

asio::awaitable<void> Watcher::back_off(const std::string& why) {
  ++failures_;
  ++reconnects_;
  const auto delay = full_jitter(client_.backoff_policy(), failures_, rng_);
  kube_logger()->warn("watch of {}: {}; reconnecting from resourceVersion \"{}\" in {} ms", what_, why,
                      resource_version_, delay.count());
  asio::steady_timer pause(client_.executor(), delay);
  co_await pause.async_wait(asio::use_awaitable);
}

asio::awaitable<std::optional<Error>> Watcher::cancellation_error() const {
  auto state = co_await asio::this_coro::cancellation_state;
  if (state.cancelled() == asio::cancellation_type::none) co_return std::nullopt;
  co_return make_error(ErrorCode::unavailable, "the watch of " + what_ + " was cancelled");
}

namespace {

struct WaitProgress {
  bool observed = false;
  std::string phase;
};

std::string phase_of(const boost::json::object& object) {
  const auto* status = object.if_contains("status");
  if (!status || !status->is_object()) return {};
  const auto* phase = status->get_object().if_contains("phase");
  return phase && phase->is_string() ? std::string(phase->get_string()) : std::string();
}

asio::awaitable<Result<void>> watch_until(KubeClient& client, ResourceRef ref,
                                          std::function<bool(const boost::json::object&)> decided,
                                          std::chrono::milliseconds timeout, WaitProgress& progress) {
  auto observe = [&](const boost::json::object& object) {
    progress.observed = true;
    progress.phase = phase_of(object);
    return decided(object);
  };
  auto current = co_await client.get(ref);
  std::string resource_version;
  if (current) {
    if (observe(*current)) co_return Result<void>{};
    resource_version = metadata_field(*current, "resourceVersion");
  } else if (current.error().code != ErrorCode::not_found) {
    co_return std::move(current).error();
  }
  WatchOptions options;
  options.ref = ref;
  options.resource_version = std::move(resource_version);
  Watcher watcher(client, std::move(options));
  for (;;) {
    // wait_until's own timer ends the wait; this one only has to come later.
    auto event = co_await watcher.next(timeout + std::chrono::seconds(1));
    if (!event) co_return std::move(event).error();
    if (event->type == WatchEventType::bookmark) continue;
    if (event->type == WatchEventType::deleted) {
      co_return make_error(ErrorCode::not_found, ref.describe() + " was deleted while waiting for it");
    }
    if (observe(event->object)) co_return Result<void>{};
  }
}

}  // namespace

asio::awaitable<Result<void>> wait_until(KubeClient& client, ResourceRef ref,
                                         std::function<bool(const boost::json::object&)> decided,
                                         std::chrono::milliseconds timeout) {
  WaitProgress progress;
  const std::string what = ref.describe();
  asio::steady_timer timer(client.executor(), timeout);
  auto outcome =
      co_await net::within(watch_until(client, std::move(ref), std::move(decided), timeout, progress), timer);
  if (outcome) co_return std::move(*outcome);
  std::string last_seen;
  if (!progress.observed) {
    last_seen = "it was never observed (it does not exist)";
  } else if (progress.phase.empty()) {
    last_seen = "its status.phase was never set";
  } else {
    last_seen = "last observed phase: \"" + progress.phase + "\"";
  }
  co_return make_error(ErrorCode::deadline_exceeded, what + " did not reach the awaited state within " +
                                                         std::to_string(timeout.count()) + " ms; " + last_seen);
}

}  // namespace ckpt::kube
