#include "api/migration_api.hpp"

#include "api/responses.hpp"
#include "codec/requests.hpp"

namespace ckpt::api {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

void add_migration_routes(Router& router, service::MigrationService& service) {
  router.add("POST", "/v1/checkpoints/{id}/migration",
             [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
               auto decoded = decode_migration_start_request(request.body);
               if (!decoded) co_return error_response(decoded.error());
               const std::string id = params.at("id");
               MigrationStartRequest start = std::move(decoded).value();
               auto started = co_await service.start(id, std::move(start));
               if (!started) co_return error_response(started.error(), id);
               co_return json_response(202, to_json(started.value()));
             });

  router.add("POST", "/v1/checkpoints/{id}/migration/result",
             [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
               auto decoded = decode_command_result(request.body);
               if (!decoded) co_return error_response(decoded.error());
               const std::string id = params.at("id");
               CommandResult result = std::move(decoded).value();
               auto finished = co_await service.finish_command(id, std::move(result));
               co_return checkpoint_response(200, finished);
             });
}

}  // namespace ckpt::api
