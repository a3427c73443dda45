#include "kubeapi/server/faults.hpp"

#include <algorithm>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {

Result<void> Faults::fail_next(InjectedFailure failure) {
  if (failure.status != 500 && failure.status != 429 && failure.status != 409) {
    return make_error(ErrorCode::bad_request,
                      "injected failures are 500, 429 or 409, not " + std::to_string(failure.status));
  }
  if (failure.count < 1)
    return make_error(ErrorCode::bad_request, "an injected failure needs a count of 1 or more");
  std::lock_guard lock(mutex_);
  failures_.push_back(std::move(failure));
  return {};
}

void Faults::drop_watches_after(int events, int watches) {
  std::lock_guard lock(mutex_);
  drop_after_events_ = std::max(events, 0);
  watches_to_drop_ = std::max(watches, 0);
}

void Faults::set_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = std::max(delay, std::chrono::milliseconds(0));
}

void Faults::clear() {
  std::lock_guard lock(mutex_);
  failures_.clear();
  watches_to_drop_ = 0;
  drop_after_events_ = 0;
  delay_ = std::chrono::milliseconds(0);
}

std::optional<Error> Faults::take_failure(std::string_view method, std::string_view path) {
  std::lock_guard lock(mutex_);
  seen_.push_back({std::string{method}, std::string{path}, 0, std::chrono::steady_clock::now()});
  const auto rule = std::find_if(failures_.begin(), failures_.end(), [&](const InjectedFailure& failure) {
    return (failure.method.empty() || failure.method == method) && path.starts_with(failure.path_prefix);
  });
  if (rule == failures_.end()) return std::nullopt;
  const int status = rule->status;
  seen_.back().failed_with = status;
  if (--rule->count == 0) failures_.erase(rule);
  if (status == 429) {
    return api_error(reason::kTooManyRequests, "injected fault: too many requests, please try again later");
  }
  if (status == 409) {
    return api_error(reason::kConflict,
                     "injected fault: Operation cannot be fulfilled: the object has been modified; please "
                     "apply your changes to the latest version and try again");
  }
  return api_error(reason::kInternalError,
                   "injected fault: an error on the server (\"internal error\") has prevented "
                   "the request from succeeding");
}

std::optional<int> Faults::take_watch_drop() {
  std::lock_guard lock(mutex_);
  if (watches_to_drop_ == 0) return std::nullopt;
  --watches_to_drop_;
  return drop_after_events_;
}

std::vector<SeenRequest> Faults::requests() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

std::chrono::milliseconds Faults::delay() const {
  std::lock_guard lock(mutex_);
  return delay_;
}

}  // namespace ckpt::kubeapi
