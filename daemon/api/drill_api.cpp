#include "api/drill_api.hpp"

#include "api/responses.hpp"
#include "codec/requests.hpp"

namespace ckpt::api {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

void add_drill_routes(Router& router, service::Drills& drills) {
  router.add("POST", "/v1/drills", [&drills](const HttpRequest& request, const PathParams&) -> awaitable<HttpResponse> {
    auto decoded = decode_drill_request(request.body);
    if (!decoded) co_return error_response(decoded.error());
    const DrillRequest drill = std::move(decoded).value();
    const std::string trigger = "manual";
    const auto outcome = co_await drills.start(drill, trigger);
    co_return begin_response(outcome);
  });
}

}  // namespace ckpt::api
