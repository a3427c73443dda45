#include "kubeapi/server/control_endpoint.hpp"

#include <boost/json/parse.hpp>

#include <string>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/responses.hpp"

namespace ckpt::kubeapi {
namespace {

using boost::json::object;

Error bad_field(std::string_view field, std::string_view expected) {
  return api_error(reason::kBadRequest,
                   "/_test/: field \"" + std::string(field) + "\" must be " + std::string(expected));
}

Result<object> body_of(const net::HttpRequest& request) {
  if (request.body.empty()) return object{};
  boost::system::error_code error;
  auto parsed = boost::json::parse(request.body, error);
  if (error || !parsed.is_object())
    return api_error(reason::kBadRequest, "/_test/: the body must be a JSON object");
  return std::move(parsed.get_object());
}

Result<std::int64_t> integer_field(const object& body, std::string_view key, std::int64_t fallback) {
  const auto* value = body.if_contains(key);
  if (!value) return fallback;
  if (!value->is_int64()) return bad_field(key, "an integer");
  return value->get_int64();
}

Result<std::string> string_field(const object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value) return std::string();
  if (!value->is_string()) return bad_field(key, "a string");
  return std::string(value->get_string());
}

Result<void> order_failure(Faults& faults, const object& body) {
  auto status = integer_field(body, "status", 500);
  auto count = integer_field(body, "count", 1);
  auto method = string_field(body, "method");
  auto prefix = string_field(body, "pathPrefix");
  if (!status) return status.error();
  if (!count) return count.error();
  if (!method) return method.error();
  if (!prefix) return prefix.error();
  auto ordered = faults.fail_next({static_cast<int>(*status), static_cast<int>(*count), *method, *prefix});
  if (!ordered) return api_error(reason::kBadRequest, "/_test/faults/fail: " + ordered.error().message);
  return {};
}

Result<void> order_watch_drop(Faults& faults, const object& body) {
  auto events = integer_field(body, "afterEvents", 0);
  auto watches = integer_field(body, "watches", 1);
  if (!events) return events.error();
  if (!watches) return watches.error();
  faults.drop_watches_after(static_cast<int>(*events), static_cast<int>(*watches));
  return {};
}

Result<void> order_delay(Faults& faults, const object& body) {
  auto milliseconds = integer_field(body, "milliseconds", 0);
  if (!milliseconds) return milliseconds.error();
  faults.set_delay(std::chrono::milliseconds(*milliseconds));
  return {};
}

Result<void> order_compaction(ResourceStore& store, const object& body) {
  const auto* expire = body.if_contains("expireWatches");
  if (expire && !expire->is_bool()) return bad_field("expireWatches", "a boolean");
  store.compact_history(expire && expire->get_bool());
  return {};
}

net::HttpResponse state(ResourceStore& store) {
  return json_response(200, object{{"resourceVersion", std::to_string(store.resource_version())},
                                   {"openWatches", store.events().subscriber_count()}});
}

}  // namespace

net::HttpResponse serve_control(ResourceStore& store, Faults& faults, const net::HttpRequest& request) {
  const std::string path = request.path();
  if (request.method == "GET" && path == "/_test/state") return state(store);
  if (request.method == "DELETE" && path == "/_test/faults") {
    faults.clear();
    return state(store);
  }
  if (request.method != "POST") {
    return status_response(
        api_error(reason::kNotFound, "no test-control endpoint " + request.method + " " + path));
  }
  auto body = body_of(request);
  if (!body) return status_response(body.error());
  Result<void> ordered = api_error(reason::kNotFound, "no test-control endpoint POST " + path);
  if (path == "/_test/faults/fail") {
    ordered = order_failure(faults, *body);
  } else if (path == "/_test/faults/drop-watch") {
    ordered = order_watch_drop(faults, *body);
  } else if (path == "/_test/faults/delay") {
    ordered = order_delay(faults, *body);
  } else if (path == "/_test/faults/compact") {
    ordered = order_compaction(store, *body);
  }
  if (!ordered) return status_response(ordered.error());
  return state(store);
}

}  // namespace ckpt::kubeapi
