// Watching Kubernetes objects.
//
// Watcher follows one collection (optionally one object, by fieldSelector metadata.name,
// and/or a label selector) and hands out its changes in order:
// - Started without a resourceVersion it lists first and delivers the current objects as
//   ADDED, then watches from the list's resourceVersion; started with one it watches from
//   there. It keeps the resourceVersion of the last event (bookmarks included).
// - A dropped connection, an idle stream (idle_timeout without a byte), a 429/5xx answer
//   or a malformed event: it reconnects from the last resourceVersion after a full-jitter
//   backoff (the client's base/max backoff). A watch the server ends (timeoutSeconds) is
//   resumed at once. Nothing is lost or repeated: the server replays what came after the
//   resourceVersion, and an event whose object carries the resourceVersion already
//   delivered for it is dropped.
// - 410 Gone (as an HTTP answer or an ERROR event with code 410): it lists again and
//   delivers the difference to what it had delivered (ADDED for new objects, MODIFIED for
//   changed ones, DELETED with the last known object for vanished ones), then watches from
//   the new list's resourceVersion.
// - 401, 403, 404, 400, 422 are returned to the caller (reconnecting cannot fix them); the
//   watcher stays usable and tries again on the next call.
// - Cancellation (of the coroutine awaiting next() or run()) closes the connection and ends
//   them promptly, quietly: with an error saying the watch was cancelled or, like any
//   cancelled Asio operation, with an operation_aborted exception.
// Not thread-safe: one consumer at a time.
//
// wait_for() GETs an object, then watches it until the predicate decides or the timeout
// passes: deadline_exceeded naming the object and the last status.phase observed. A
// DELETED object is not_found.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "core/result.hpp"
#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"
#include "kube/watch_event.hpp"
#include "net/response_stream.hpp"

namespace ckpt::kube {

struct WatchOptions {
  ResourceRef ref;  // the collection; with a name, only that object
  ListQuery query;  // label selector (and further field selectors)
  // Where to start; empty: list first and deliver the current objects as ADDED.
  std::string resource_version;
  // The server ends each watch after this long; the watcher resumes it at once.
  std::chrono::seconds server_timeout{290};
  // A stream silent for this long (no event, no bookmark) counts as dropped.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(120)};
};

class Watcher {
 public:
  Watcher(KubeClient& client, WatchOptions options);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // The next event. deadline_exceeded when none came within the timeout (the connection is
  // closed; the next call resumes from resource_version()).
  boost::asio::awaitable<Result<WatchEvent>> next(std::chrono::milliseconds timeout);

  // Calls on_event for every event until an error reconnecting cannot fix (returned) or
  // until the awaiting coroutine is cancelled.
  boost::asio::awaitable<Result<void>> run(std::function<void(const WatchEvent&)> on_event);

  const std::string& resource_version() const { return resource_version_; }
  // How often the watcher listed (the first list included) and reconnected after a failure.
  int lists() const { return lists_; }
  int reconnects() const { return reconnects_; }

 private:
  boost::asio::awaitable<Result<WatchEvent>> next_event();
  boost::asio::awaitable<Result<void>> relist();
  boost::asio::awaitable<Result<void>> connect();
  boost::asio::awaitable<void> back_off(const std::string& why);
  boost::asio::awaitable<std::optional<Error>> cancellation_error() const;
  // Queues the events of one stream line (or sets must_list_ on a 410 ERROR event); an
  // error when the stream must be dropped and reconnected.
  Result<void> take_line(const std::string& line);
  void deliver(WatchEvent event);

  KubeClient& client_;
  WatchOptions options_;
  std::string what_;  // describes the watched objects in messages
  std::unique_ptr<net::ResponseStream> stream_;
  std::deque<WatchEvent> ready_;
  // The last object delivered per "namespace/name", to diff a relist and drop repeats.
  std::map<std::string, boost::json::object> known_;
  std::string resource_version_;
  bool must_list_ = false;
  int failures_ = 0;  // consecutive failures, for the backoff
  int lists_ = 0;
  int reconnects_ = 0;
  std::mt19937_64 rng_;
};

// Calls decided(object) with the object as it is and after each change until it returns
// true; see wait_for.
boost::asio::awaitable<Result<void>> wait_until(KubeClient& client, ResourceRef ref,
                                                std::function<bool(const boost::json::object&)> decided,
                                                std::chrono::milliseconds timeout);

// Waits until predicate(object) returns a value (a result or an error) and returns it.
template <typename T>
boost::asio::awaitable<Result<T>> wait_for(
    KubeClient& client, ResourceRef ref, std::function<std::optional<Result<T>>(const boost::json::object&)> predicate,
    std::chrono::milliseconds timeout) {
  std::optional<Result<T>> decision;
  const std::function<bool(const boost::json::object&)> decided = [&decision,
                                                                   &predicate](const boost::json::object& object) {
    decision = predicate(object);
    return decision.has_value();
  };
  auto waited = co_await wait_until(client, std::move(ref), decided, timeout);
  if (!waited) co_return std::move(waited).error();
  co_return std::move(*decision);
}

}  // namespace ckpt::kube
