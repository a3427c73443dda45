#include "api/watch_api.hpp"

#include "api/responses.hpp"
#include "codec/requests.hpp"

namespace ckpt::api {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

void add_watch_routes(Router& router, service::SloWatch& watch, service::FlagService& flags) {
  router.add("POST", "/v1/checkpoints/{id}/promote",
             [&watch](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
               auto decoded = decode_promote_request(request.body);
               if (!decoded) co_return error_response(decoded.error());
               const std::string id = params.at("id");
               std::string by = decoded->by;
               auto promoted = co_await watch.promote(id, std::move(by));
               co_return checkpoint_response(200, promoted);
             });

  router.add("POST", "/v1/checkpoints/{id}/flag",
             [&flags](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
               auto decoded = decode_flag_change_request(request.body);
               if (!decoded) co_return error_response(decoded.error());
               const std::string id = params.at("id");
               FlagChangeRequest change = std::move(decoded).value();
               auto changed = co_await flags.change(id, std::move(change));
               co_return checkpoint_response(200, changed);
             });
}

}  // namespace ckpt::api
