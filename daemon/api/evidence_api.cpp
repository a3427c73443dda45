#include "api/evidence_api.hpp"

#include "api/responses.hpp"
#include "codec/evidence_json.hpp"

namespace ckpt::api {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

void add_evidence_routes(Router& router, service::EvidenceService& evidence) {
  router.add("GET", "/v1/checkpoints/{id}/evidence",
             [&evidence](const HttpRequest&, const PathParams& params) -> awaitable<HttpResponse> {
               std::string id = params.at("id");
               auto package = co_await evidence.package(std::move(id));
               if (!package) co_return error_response(package.error());
               co_return json_response(200, to_json(*package));
             });
}

}  // namespace ckpt::api
