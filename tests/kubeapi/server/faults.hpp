// Faults: the failures a test can order from the Kubernetes API test server.
// - fail_next: the next `count` requests (optionally only those with this method and/or a
//   path starting with this prefix) are answered 500 InternalError, 429 TooManyRequests
//   (with "Retry-After: 1") or 409 Conflict (as when another writer changed the object
//   first), without touching the store. Rules queue up; a
//   request consumes one unit of the first rule it matches.
// - drop_watches_after: the next `watches` watch streams lose their connection abruptly
//   (no final chunk, no TLS close_notify) after sending `events` events.
// - set_delay: every response waits this long before it is written (watches: before the
//   stream starts).
// The fourth fault, 410 for stale resourceVersions, is ResourceStore::compact_history.
// Requests under /_test/ are never affected. Every other request is noted with the time
// it came in and the failure it got (requests()), so a test can see how a client spaced
// its retries. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

struct InjectedFailure {
  InjectedFailure(int status_code, int times = 1, std::string only_method = {},
                  std::string only_path_prefix = {})
      : status(status_code),
        count(times),
        method(std::move(only_method)),
        path_prefix(std::move(only_path_prefix)) {}

  int status;               // 500, 429 or 409
  int count;                // how many requests fail
  std::string method;       // empty: any method
  std::string path_prefix;  // empty: any path
};

// A request as the fault injection saw it arrive.
struct SeenRequest {
  std::string method;
  std::string path;
  int failed_with = 0;  // the injected status; 0 when it was served normally
  std::chrono::steady_clock::time_point at;
};

class Faults {
 public:
  // A status other than 500, 429 or 409, or a count below 1, is a bad_request error.
  Result<void> fail_next(InjectedFailure failure);
  void drop_watches_after(int events, int watches = 1);
  void set_delay(std::chrono::milliseconds delay);
  // Cancels every fault ordered and not yet used.
  void clear();

  // The failure this request must get, consuming it (reason InternalError, TooManyRequests
  // or Conflict).
  std::optional<Error> take_failure(std::string_view method, std::string_view path);
  // How many events the watch starting now may send before its connection drops.
  std::optional<int> take_watch_drop();
  std::chrono::milliseconds delay() const;
  // Every request take_failure saw, in order of arrival.
  std::vector<SeenRequest> requests() const;

 private:
  mutable std::mutex mutex_;
  std::deque<InjectedFailure> failures_;
  int watches_to_drop_ = 0;
  int drop_after_events_ = 0;
  std::chrono::milliseconds delay_{0};
  std::vector<SeenRequest> seen_;
};

}  // namespace ckpt::kubeapi
