// ApiRouter: answers one HTTP request of the Kubernetes API test server, in the order the
// API server applies its filters: authentication (401), the test-control API under /_test/
// (admin token, else 403), injected failures (faults.hpp), discovery and OpenAPI documents,
// authorization of writes (read-only tokens get 403), then the resource endpoints; anything
// else is a 404 Status. Synchronous: the connection applies the injected delay and streams
// watches.
#pragma once

#include "kubeapi/server/faults.hpp"
#include "kubeapi/server/resource_endpoint.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "kubeapi/server/tokens.hpp"
#include "net/http_message.hpp"

namespace ckpt::kubeapi {

class ApiRouter {
 public:
  ApiRouter(ResourceStore& store, const TokenRegistry& tokens, Faults& faults, EndpointOptions options);

  EndpointResult route(const net::HttpRequest& request) const;

 private:
  std::optional<net::HttpResponse> serve_discovery(const net::HttpRequest& request) const;

  ResourceStore& store_;
  const TokenRegistry& tokens_;
  Faults& faults_;
  EndpointOptions options_;
};

}  // namespace ckpt::kubeapi
