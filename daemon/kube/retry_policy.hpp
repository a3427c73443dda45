// When KubeClient retries a request, and how long it waits first. Pure functions.
//
// Retried: answers 429, 500, 502, 503, 504; connections that fail, drop or time out.
// A POST (create) is not idempotent: it is retried only when the request never left
// (resolve, connect or TLS handshake failed) or the server answered 429 or 503, which
// say the request was not processed. A POST that may have reached the server (500, 502,
// 504, a connection lost after sending, a timeout) is not retried: its outcome is
// unknown, and the caller's deterministic object names let it look the object up.
//
// Wait: the server's Retry-After when it gave one, else "full jitter" exponential backoff:
// uniform in [0, min(cap, base * 2^(retry - 1))], retry counting from 1.
//
// Engine-level re-creates (a create of unknown outcome whose object is not there, made
// again: engine/cnpg/owned_object.hpp) wait with "equal jitter": half the ceiling plus a
// uniform share of the other half, in [ceiling / 2, ceiling]. The floor lets the API
// server recover between creates (a full-jitter wait may be 0) and makes the waits grow.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace ckpt::kube {

struct BackoffPolicy {
  std::chrono::milliseconds base{100};
  std::chrono::milliseconds cap{5000};
};

// How an attempt failed.
struct AttemptFailure {
  int http_status = 0;  // the answer's status; 0 when there was no answer
  bool sent = true;     // false when the request never left (connect/TLS failed)
};

bool may_retry(std::string_view method, const AttemptFailure& failure);

// min(cap, base * 2^(retry - 1)) for retry >= 1.
std::chrono::milliseconds backoff_ceiling(const BackoffPolicy& policy, int retry);

// The full-jitter delay for a fraction in [0, 1): floor(ceiling * fraction).
std::chrono::milliseconds full_jitter(const BackoffPolicy& policy, int retry, double fraction);

// The same with the fraction drawn from rng (deterministic for a seeded engine).
std::chrono::milliseconds full_jitter(const BackoffPolicy& policy, int retry, std::mt19937_64& rng);

// The equal-jitter delay for a fraction in [0, 1): ceiling / 2 + floor(ceiling / 2 * fraction).
std::chrono::milliseconds equal_jitter(const BackoffPolicy& policy, int retry, double fraction);
std::chrono::milliseconds equal_jitter(const BackoffPolicy& policy, int retry, std::mt19937_64& rng);

// Retry-After when present, else full jitter.
std::chrono::milliseconds retry_delay(const BackoffPolicy& policy, int retry,
                                      std::optional<std::chrono::seconds> retry_after, std::mt19937_64& rng);

}  // namespace ckpt::kube
