#include "kubeapi/server/api_router.hpp"

#include <string>
#include <vector>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/control_endpoint.hpp"
#include "kubeapi/server/discovery.hpp"
#include "kubeapi/server/openapi.hpp"
#include "kubeapi/server/resource_target.hpp"
#include "kubeapi/server/responses.hpp"

namespace ckpt::kubeapi {
namespace {

net::HttpResponse not_found() {
  return status_response(api_error(reason::kNotFound, "the server could not find the requested resource"));
}

net::HttpResponse forbidden(const Caller& caller, const ResourceTarget& target, std::string_view verb) {
  const ResourceType& type = *target.type;
  std::string message = type.qualified_name();
  if (!target.name.empty()) message += " \"" + target.name + "\"";
  message += " is forbidden: User \"" + caller.user + "\" cannot " + std::string(verb) + " resource \"" +
             type.plural + (target.subresource.empty() ? "" : "/" + target.subresource) +
             "\" in API group \"" + type.group + "\"";
  message += target.namespace_name.empty() ? " at the cluster scope"
                                           : " in the namespace \"" + target.namespace_name + "\"";
  boost::json::object details{{"group", type.group}, {"kind", type.plural}};
  if (!target.name.empty()) details["name"] = target.name;
  return status_response(api_error(reason::kForbidden, std::move(message)), std::move(details));
}

net::HttpResponse text_ok() {
  net::HttpResponse response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "ok";
  return response;
}

}  // namespace

ApiRouter::ApiRouter(ResourceStore& store, const TokenRegistry& tokens, Faults& faults,
                     EndpointOptions options)
    : store_(store), tokens_(tokens), faults_(faults), options_(options) {}

EndpointResult ApiRouter::route(const net::HttpRequest& request) const {
  auto caller = tokens_.authenticate(request);
  if (!caller) return status_response(caller.error());
  const std::string path = request.path();
  if (path.starts_with("/_test/")) {
    if (!caller->is_admin()) {
      return status_response(
          api_error(reason::kForbidden, "forbidden: User \"" + caller->user +
                                            "\" cannot use the test-control API under /_test/: "
                                            "send the admin token"));
    }
    return serve_control(store_, faults_, request);
  }
  if (auto failure = faults_.take_failure(request.method, path)) return status_response(*failure);
  if (auto discovery = serve_discovery(request)) return std::move(*discovery);

  const auto target = resolve_resource_path(store_.types(), path);
  if (!target) return not_found();
  const std::string_view verb = request_verb(request, *target);
  const bool reads = verb == "get" || verb == "list" || verb == "watch";
  if (!reads && !verb.empty() && !caller->can_write()) return forbidden(*caller, *target, verb);
  return serve_resource(store_, *target, request, options_);
}

std::optional<net::HttpResponse> ApiRouter::serve_discovery(const net::HttpRequest& request) const {
  const std::string path = request.path();
  const auto segments = path_segments(path);
  if (segments.empty()) return not_found();
  const std::string& root = segments[0];
  const bool discovery_path = root == "version" || root == "healthz" || root == "livez" || root == "readyz" ||
                              root == "openapi" || (root == "api" && segments.size() <= 2) ||
                              (root == "apis" && segments.size() <= 3);
  if (!discovery_path) return std::nullopt;
  if (request.method != "GET") {
    return status_response(api_error(reason::kMethodNotAllowed,
                                     "the server does not allow this method on the requested resource"));
  }
  const TypeRegistry& types = store_.types();
  std::optional<boost::json::object> document;
  if (root == "version" && segments.size() == 1) {
    document = version_document();
  } else if (root == "healthz" || root == "livez" || root == "readyz") {
    return text_ok();
  } else if (root == "openapi") {
    if (segments.size() == 2 && segments[1] == "v3") {
      document = openapi_v3_index(types);
    } else if (segments.size() > 2 && segments[1] == "v3") {
      document = openapi_v3_document(types, path.substr(std::string_view("/openapi/v3/").size()));
    }
  } else if (root == "api") {
    document = segments.size() == 1 ? api_versions_document() : api_resource_list(types, "", segments[1]);
  } else if (segments.size() == 1) {
    document = api_group_list(types);
  } else if (segments.size() == 2) {
    document = api_group(types, segments[1]);
  } else {
    document = api_resource_list(types, segments[1], segments[2]);
  }
  if (!document) return not_found();
  return json_response(200, *document);
}

}  // namespace ckpt::kubeapi
