#include "api/release_api.hpp"

#include "api/responses.hpp"
#include "codec/gate_json.hpp"
#include "codec/requests.hpp"

namespace ckpt::api {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

namespace {

Result<std::string> required_parameter(const HttpRequest& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) {
    return make_error(ErrorCode::bad_request,
                      std::string("query parameter '") + name + "' is required: /v1/go-no-go?cluster=C&migration_id=M");
  }
  return std::move(*value);
}

}  // namespace

void add_release_routes(Router& router, service::Approvals& approvals, service::GoNoGo& go_no_go) {
  router.add("POST", "/v1/checkpoints/{id}/approve",
             [&approvals](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
               auto decoded = decode_approve_request(request.body);
               if (!decoded) co_return error_response(decoded.error());
               const std::string id = params.at("id");
               ApproveRequest approve = std::move(decoded).value();
               auto approved = co_await approvals.approve(id, std::move(approve));
               co_return checkpoint_response(200, approved);
             });

  router.add("GET", "/v1/go-no-go",
             [&go_no_go](const HttpRequest& request, const PathParams&) -> awaitable<HttpResponse> {
               auto cluster = required_parameter(request, "cluster");
               if (!cluster) co_return error_response(cluster.error());
               auto migration = required_parameter(request, "migration_id");
               if (!migration) co_return error_response(migration.error());
               std::string cluster_name = std::move(cluster).value();
               std::string migration_id = std::move(migration).value();
               auto verdict = co_await go_no_go.evaluate(std::move(cluster_name), std::move(migration_id));
               if (!verdict) co_return error_response(verdict.error());
               co_return json_response(200, to_json(*verdict));
             });
}

}  // namespace ckpt::api
