// KubeClient: calls the Kubernetes API as the identity of a KubeConnection, over the
// project's HTTP layer (net::HttpClient), with JSON objects in and out.
//
// Guarantees:
// - Every call has a deadline: each attempt gets at most request_timeout, the call as a
//   whole (attempts and the waits between them) at most call_timeout; a retry whose wait
//   would end past the call's deadline is not made.
// - Retries follow kube/retry_policy.hpp (429/5xx/connection failures, Retry-After
//   honoured, full-jitter backoff, POST only when it cannot have been processed) up to
//   max_attempts; the final error says how many attempts were made.
// - Errors map Kubernetes Status answers as kube/api_status.hpp describes (Error.reason
//   keeps the Status reason, e.g. AlreadyExists vs Conflict).
// - Writes send ?fieldValidation=Strict: unknown or duplicate fields are rejected
//   (bad_request), not silently dropped.
// - Answers are read as strict JSON (codec/strict_json.hpp): one that is not UTF-8, not
//   JSON, not an object or names a field twice is an engine_error naming the field.
// - The bearer token is read per request (a token file is re-read when it rotates) and
//   never logged; a client with TLS verification off logs a warning (logger "kube") each
//   time one is created.
// - Paths are built from ResourceRef segments that are checked first (bad_request).
// Coroutine parameters are taken by value, so a started call never refers to the caller's
// objects; inside a coroutine pass named variables, not temporaries (GCC 12 miscompiles
// temporaries in co_await calls).
// The KubeClient must outlive its calls and the watches opened through it; calls may run
// concurrently.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "kube/bearer_token.hpp"
#include "kube/kube_connection.hpp"
#include "kube/resource_ref.hpp"
#include "kube/retry_policy.hpp"
#include "net/http_client.hpp"
#include "net/response_stream.hpp"

namespace ckpt::kube {

struct KubeClientOptions {
  std::chrono::milliseconds request_timeout{std::chrono::seconds(10)};  // one attempt
  std::chrono::milliseconds call_timeout{std::chrono::seconds(30)};     // all attempts
  int max_attempts = 5;
  std::chrono::milliseconds base_backoff{100};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(5)};
  std::size_t max_response_bytes = 64 * 1024 * 1024;
};

class KubeClient {
 public:
  KubeClient(boost::asio::any_io_executor executor, KubeConnection connection, KubeClientOptions options = {});

  using ObjectResult = Result<boost::json::object>;

  boost::asio::awaitable<ObjectResult> get(ResourceRef ref);
  // The List object (items and metadata.resourceVersion) of ref's collection.
  boost::asio::awaitable<ObjectResult> list(ResourceRef ref, ListQuery query = {});
  // POST to ref's collection (ref.name is ignored; the object names itself).
  boost::asio::awaitable<ObjectResult> create(ResourceRef ref, boost::json::object object);
  // PUT: the object's metadata.resourceVersion must be the current one (else 409 Conflict).
  boost::asio::awaitable<ObjectResult> replace(ResourceRef ref, boost::json::object object);
  // PATCH with application/merge-patch+json (RFC 7386).
  boost::asio::awaitable<ObjectResult> merge_patch(ResourceRef ref, boost::json::object patch);
  // The same on the /status subresource.
  boost::asio::awaitable<ObjectResult> patch_status(ResourceRef ref, boost::json::object patch);
  // DELETE; the answer (the deleted object, or a Status) is returned as received. A
  // retried DELETE whose first attempt went through gives not_found.
  boost::asio::awaitable<ObjectResult> remove(ResourceRef ref);
  // GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/<name>.
  boost::asio::awaitable<ObjectResult> get_crd(std::string name);

  // Opens a watch of ref's collection (one object when ref.name is set, through
  // fieldSelector metadata.name) from resource_version: one attempt, no retries (Watcher
  // reconnects itself). A non-200 answer is mapped like any error (410: is_expired()).
  boost::asio::awaitable<Result<std::unique_ptr<net::ResponseStream>>> open_watch(ResourceRef ref, ListQuery query,
                                                                                  std::string resource_version,
                                                                                  std::chrono::seconds server_timeout);

  const KubeConnection& connection() const { return connection_; }
  const KubeClientOptions& options() const { return options_; }
  boost::asio::any_io_executor executor() const { return executor_; }
  BackoffPolicy backoff_policy() const { return {options_.base_backoff, options_.max_backoff}; }
  // The wait before a caller's own retry `retry` (from 1) of something the client does not
  // retry itself, such as a create of unknown outcome: equal jitter on backoff_policy()
  // (retry_policy.hpp), drawn from the client's random engine.
  std::chrono::milliseconds caller_backoff(int retry);

 private:
  struct Call;

  // The call must outlive the awaiting (callers keep it in their own frame).
  boost::asio::awaitable<ObjectResult> execute(const Call& call);
  Result<net::HttpRequest> build_request(const Call& call) const;
  std::chrono::milliseconds next_delay(int retry, std::optional<std::chrono::seconds> retry_after);

  boost::asio::any_io_executor executor_;
  KubeConnection connection_;
  KubeClientOptions options_;
  net::HttpClient http_;
  BearerToken token_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;
};

}  // namespace ckpt::kube
