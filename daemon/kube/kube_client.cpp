#include "kube/kube_client.hpp"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include "codec/strict_json.hpp"
#include "kube/api_status.hpp"
#include "obs/logging.hpp"

namespace ckpt::kube {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

const std::shared_ptr<spdlog::logger>& kube_logger() {
  static const auto logger = obs::logger("kube");
  return logger;
}

BearerToken token_of(const KubeConnection& connection) {
  if (!connection.token.empty()) return BearerToken::fixed(connection.token);
  if (!connection.token_file.empty()) return BearerToken::from_file(connection.token_file);
  return {};
}

net::ClientOptions client_options(const KubeClientOptions& options) {
  net::ClientOptions result;
  result.peer_name = "the Kubernetes API";
  result.max_response_bytes = options.max_response_bytes;
  return result;
}

// A connection that failed, dropped or timed out, as opposed to a request we refused to make.
bool is_transport_failure(const Error& error) {
  return error.code == ErrorCode::unreachable || error.code == ErrorCode::deadline_exceeded;
}

// Unknown or duplicate fields in a write are errors, not silently dropped.
QueryParams strict_validation() {
  return {{std::string("fieldValidation"), std::string("Strict")}};
}

Error after_attempts(Error error, int attempts, const std::string& why_stopped = {}) {
  const std::string count = std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
  if (!why_stopped.empty()) {
    error.message += " (gave up after " + count + ": " + why_stopped + ")";
  } else if (attempts > 1) {
    error.message += " (gave up after " + count + ")";
  }
  return error;
}

}  // namespace

struct KubeClient::Call {
  std::string verb;  // the RBAC verb
  std::string method;
  ResourceRef ref;
  std::string target;  // path and query, without the connection's path prefix
  std::string body;
  std::string content_type;
};

KubeClient::KubeClient(asio::any_io_executor executor, KubeConnection connection, KubeClientOptions options)
    : executor_(std::move(executor)),
      connection_(std::move(connection)),
      options_(options),
      http_(executor_, connection_.endpoint, client_options(options_)),
      token_(token_of(connection_)),
      rng_(std::random_device{}()) {
  if (connection_.endpoint.insecure_skip_verify) {
    kube_logger()->warn(
        "TLS verification of the Kubernetes API at {} is OFF (insecure-skip-tls-verify): anyone "
        "on the network path can impersonate the API server and capture the credentials ({}); "
        "set certificate-authority in the kubeconfig instead",
        connection_.server(), connection_.credentials);
  }
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::get(ResourceRef ref) {
  const Call call{"get", "GET", ref, ref.path(), {}, {}};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::list(ResourceRef ref, ListQuery query) {
  const ResourceRef collection = ref.named({});
  const Call call{"list", "GET", collection, with_query(collection.collection_path(), selector_params(query)), {}, {}};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::create(ResourceRef ref, boost::json::object object) {
  const ResourceRef collection = ref.named({});
  const Call call{"create",
                  "POST",
                  collection,
                  with_query(collection.collection_path(), strict_validation()),
                  boost::json::serialize(object),
                  "application/json"};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::replace(ResourceRef ref, boost::json::object object) {
  const Call call{
      "update",          "PUT", ref, with_query(ref.path(), strict_validation()), boost::json::serialize(object),
      "application/json"};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::merge_patch(ResourceRef ref, boost::json::object patch) {
  const Call call{"patch",
                  "PATCH",
                  ref,
                  with_query(ref.path(), strict_validation()),
                  boost::json::serialize(patch),
                  "application/merge-patch+json"};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::patch_status(ResourceRef ref, boost::json::object patch) {
  const Call call{"patch",
                  "PATCH",
                  ref,
                  with_query(ref.path() + "/status", strict_validation()),
                  boost::json::serialize(patch),
                  "application/merge-patch+json"};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::remove(ResourceRef ref) {
  const Call call{"delete", "DELETE", ref, ref.path(), {}, {}};
  co_return co_await execute(call);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::get_crd(std::string name) {
  const ResourceRef crd{"apiextensions.k8s.io", "v1", "customresourcedefinitions", {}, std::move(name)};
  co_return co_await get(crd);
}

Result<net::HttpRequest> KubeClient::build_request(const Call& call) const {
  auto token = token_.current();
  if (!token) return std::move(token).error();
  net::HttpRequest request;
  request.method = call.method;
  request.target = connection_.path_prefix + call.target;
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "checkpointd");
  if (!token->empty()) request.headers.emplace_back("Authorization", "Bearer " + *token);
  if (!call.content_type.empty()) request.headers.emplace_back("Content-Type", call.content_type);
  request.body = call.body;
  return request;
}

milliseconds KubeClient::next_delay(int retry, std::optional<std::chrono::seconds> retry_after) {
  std::lock_guard lock(rng_mutex_);
  return retry_delay(backoff_policy(), retry, retry_after, rng_);
}

milliseconds KubeClient::caller_backoff(int retry) {
  std::lock_guard lock(rng_mutex_);
  return equal_jitter(backoff_policy(), retry, rng_);
}

asio::awaitable<KubeClient::ObjectResult> KubeClient::execute(const Call& call) {
  auto checked = call.ref.check();
  if (!checked) co_return std::move(checked).error();
  const RequestContext context{call.verb, call.ref.describe(), call.ref.resource(), connection_.server(),
                               connection_.credentials};
  const auto deadline = Clock::now() + options_.call_timeout;
  for (int attempt = 1;; ++attempt) {
    auto request = build_request(call);
    if (!request) co_return std::move(request).error();
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    const auto attempt_timeout = std::clamp(remaining, milliseconds(1), options_.request_timeout);
    const auto started = Clock::now();
    auto response = co_await http_.request(std::move(*request), attempt_timeout);

    AttemptFailure failure;
    std::optional<std::chrono::seconds> retry_after;
    Error error;
    if (response) {
      kube_logger()->debug("{} {} -> {} in {} ms", call.method, call.target, response->status,
                           std::chrono::duration_cast<milliseconds>(Clock::now() - started).count());
      if (response->status >= 200 && response->status < 300) {
        auto parsed = codec::parse_strict_json(response->body, ErrorCode::engine_error);
        if (!parsed || !parsed->is_object()) {
          co_return make_error(ErrorCode::engine_error, call.verb + " " + context.object + " at " + context.server +
                                                            ": the answer " +
                                                            (parsed ? "is not a JSON object" : parsed.error().message) +
                                                            " (HTTP " + std::to_string(response->status) + ")");
        }
        co_return std::move(parsed->as_object());
      }
      error = error_from_response(response->status, response->body, context);
      failure.http_status = response->status;
      retry_after = parse_retry_after(response->header("Retry-After"));
    } else {
      error = std::move(response).error();
      if (!is_transport_failure(error)) co_return error;
      failure.sent = error.reason != net::kNotSent;
      error.reason.clear();  // net's detail, not a Kubernetes reason
    }

    if (attempt >= options_.max_attempts || !may_retry(call.method, failure)) {
      co_return after_attempts(std::move(error), attempt);
    }
    const auto delay = next_delay(attempt, retry_after);
    if (Clock::now() + delay >= deadline) {
      co_return after_attempts(std::move(error), attempt,
                               "waiting " + std::to_string(delay.count()) +
                                   " ms more would pass the call's deadline of " +
                                   std::to_string(options_.call_timeout.count()) + " ms");
    }
    kube_logger()->warn("{} (attempt {} of {}); retrying in {} ms", error.message, attempt, options_.max_attempts,
                        delay.count());
    asio::steady_timer pause(executor_, delay);
    co_await pause.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<Result<std::unique_ptr<net::ResponseStream>>> KubeClient::open_watch(
    ResourceRef ref, ListQuery query, std::string resource_version, std::chrono::seconds server_timeout) {
  auto checked = ref.check();
  if (!checked) co_return std::move(checked).error();
  const ResourceRef collection = ref.named({});
  QueryParams params{{"watch", "1"},
                     {"allowWatchBookmarks", "true"},
                     {"timeoutSeconds", std::to_string(server_timeout.count())},
                     {"resourceVersion", std::move(resource_version)}};
  for (auto& param : selector_params(narrowed_to(ref, std::move(query)))) params.push_back(std::move(param));
  const Call call{"watch", "GET", collection, with_query(collection.collection_path(), params), {}, {}};

  auto request = build_request(call);
  if (!request) co_return std::move(request).error();
  auto opened = co_await http_.open_stream(std::move(*request), options_.request_timeout);
  if (!opened) co_return std::move(opened).error();
  auto& stream = *opened;
  if (stream->status() == 200) co_return std::move(stream);
  auto body = co_await stream->read_rest(options_.request_timeout);
  const RequestContext context{call.verb, ref.describe(), ref.resource(), connection_.server(),
                               connection_.credentials};
  co_return error_from_response(stream->status(), body ? *body : std::string(), context);
}

}  // namespace ckpt::kube
