#include "kube/retry_policy.hpp"

#include <algorithm>
#include <cmath>

#include "kube/api_status.hpp"

namespace ckpt::kube {

bool may_retry(std::string_view method, const AttemptFailure& failure) {
  const bool idempotent = method != "POST";
  if (failure.http_status == 0) return idempotent || !failure.sent;
  if (failure.http_status == 429 || failure.http_status == 503) return true;
  return idempotent && is_retryable_status(failure.http_status);
}

std::chrono::milliseconds backoff_ceiling(const BackoffPolicy& policy, int retry) {
  const int doublings = std::clamp(retry - 1, 0, 30);
  const auto grown = policy.base.count() * (std::int64_t{1} << doublings);
  return std::chrono::milliseconds(std::min<std::int64_t>(grown, policy.cap.count()));
}

std::chrono::milliseconds full_jitter(const BackoffPolicy& policy, int retry, double fraction) {
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  const auto ceiling = static_cast<double>(backoff_ceiling(policy, retry).count());
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::floor(ceiling * clamped)));
}

std::chrono::milliseconds full_jitter(const BackoffPolicy& policy, int retry, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> fraction(0.0, 1.0);
  return full_jitter(policy, retry, fraction(rng));
}

std::chrono::milliseconds equal_jitter(const BackoffPolicy& policy, int retry, double fraction) {
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  const auto ceiling = backoff_ceiling(policy, retry).count();
  const auto half = ceiling / 2;
  return std::chrono::milliseconds(
      half + static_cast<std::int64_t>(std::floor(static_cast<double>(ceiling - half) * clamped)));
}

std::chrono::milliseconds equal_jitter(const BackoffPolicy& policy, int retry, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> fraction(0.0, 1.0);
  return equal_jitter(policy, retry, fraction(rng));
}

std::chrono::milliseconds retry_delay(const BackoffPolicy& policy, int retry,
                                      std::optional<std::chrono::seconds> retry_after, std::mt19937_64& rng) {
  if (retry_after) return *retry_after;
  return full_jitter(policy, retry, rng);
}

}  // namespace ckpt::kube
