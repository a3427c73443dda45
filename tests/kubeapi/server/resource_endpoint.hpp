// The REST endpoints of a resource (collection, object, /status) over the store, with the
// API server's status codes and bodies: 200 get/list/update/patch/delete, 201 create, and
// Status errors (400, 404, 405, 406, 409, 410, 415, 422). A watch request (?watch=1) is not
// answered here: it yields a WatchRequest that the connection turns into a stream.
//
// Query parameters honoured: labelSelector, fieldSelector, resourceVersion (watch),
// timeoutSeconds, allowWatchBookmarks, includeObject (tables), fieldValidation
// (Strict | Warn | Ignore: Warn and Ignore prune unknown fields, Warn adds "Warning: 299"
// headers). dryRun is refused with 400 rather than silently writing.
#pragma once

#include <chrono>
#include <string_view>
#include <variant>

#include "kubeapi/server/resource_store.hpp"
#include "kubeapi/server/resource_target.hpp"
#include "kubeapi/server/watch_request.hpp"
#include "net/http_message.hpp"

namespace ckpt::kubeapi {

enum class FieldValidation { strict, warn, ignore };

struct EndpointOptions {
  // What a write without ?fieldValidation= gets. Real API servers default to Warn; the test
  // server defaults to Strict so that a typo in a generated manifest fails loudly.
  FieldValidation default_field_validation = FieldValidation::strict;
  std::chrono::seconds default_watch_timeout{1800};
};

using EndpointResult = std::variant<net::HttpResponse, WatchRequest>;

// "get", "list", "watch", "create", "update", "patch" or "delete"; "" for other methods.
std::string_view request_verb(const net::HttpRequest& request, const ResourceTarget& target);

EndpointResult serve_resource(ResourceStore& store, const ResourceTarget& target,
                              const net::HttpRequest& request, const EndpointOptions& options);

}  // namespace ckpt::kubeapi
