#include "api/checkpoint_api.hpp"

#include <boost/json.hpp>

#include "api/responses.hpp"
#include "codec/model_json.hpp"
#include "codec/requests.hpp"
#include "codec/restore_plan_json.hpp"

namespace ckpt::api {
namespace {

using boost::asio::awaitable;
using net::HttpRequest;
using net::HttpResponse;

Result<std::optional<CheckpointState>> state_filter(const HttpRequest& request) {
  auto text = request.query_param("state");
  if (!text || text->empty()) return std::optional<CheckpointState>{};
  if (auto state = checkpoint_state_from(*text)) return std::optional<CheckpointState>{*state};
  return make_error(ErrorCode::bad_request, "query parameter 'state' must be a checkpoint state such as ready, "
                                            "committed or restoring, got '" + *text + "'");
}

}  // namespace

void add_checkpoint_routes(Router& router, service::CheckpointService& service) {
  router.add("POST", "/v1/checkpoints", [&service](const HttpRequest& request, const PathParams&) -> awaitable<HttpResponse> {
    auto decoded = decode_begin_request(request.body);
    if (!decoded) co_return error_response(decoded.error());
    const BeginRequest begin = std::move(decoded).value();
    const auto outcome = co_await service.begin(begin);
    co_return begin_response(outcome);
  });

  router.add("GET", "/v1/checkpoints", [&service](const HttpRequest& request, const PathParams&) -> awaitable<HttpResponse> {
    auto state = state_filter(request);
    if (!state) co_return error_response(state.error());
    auto cluster = request.query_param("cluster");
    if (cluster && cluster->empty()) cluster.reset();
    boost::json::array items;
    for (const auto& checkpoint : service.list(cluster, *state)) items.push_back(to_json(checkpoint));
    co_return json_response(200, boost::json::object{{"checkpoints", std::move(items)}});
  });

  router.add("GET", "/v1/checkpoints/{id}", [&service](const HttpRequest&, const PathParams& params) -> awaitable<HttpResponse> {
    co_return checkpoint_response(200, service.get(params.at("id")));
  });

  router.add("POST", "/v1/checkpoints/{id}/commit", [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
    if (auto decoded = decode_commit_request(request.body); !decoded) co_return error_response(decoded.error());
    const std::string id = params.at("id");
    auto committed = co_await service.commit(id);
    co_return checkpoint_response(200, committed);
  });

  router.add("POST", "/v1/checkpoints/{id}/fail", [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
    auto decoded = decode_fail_request(request.body);
    if (!decoded) co_return error_response(decoded.error());
    const std::string id = params.at("id");
    auto failed = co_await service.fail(id, decoded->reason);
    co_return checkpoint_response(200, failed);
  });

  router.add("POST", "/v1/checkpoints/{id}/abort", [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
    auto decoded = decode_abort_request(request.body);
    if (!decoded) co_return error_response(decoded.error());
    const std::string id = params.at("id");
    auto aborted = co_await service.abort(id, decoded->reason);
    co_return checkpoint_response(200, aborted);
  });

  router.add("POST", "/v1/checkpoints/{id}/restore", [&service](const HttpRequest& request, const PathParams& params) -> awaitable<HttpResponse> {
    auto decoded = decode_restore_request(request.body);
    if (!decoded) co_return error_response(decoded.error());
    const std::string id = params.at("id");
    const RestoreRequest restore = *decoded;
    auto outcome = co_await service.restore(id, restore);
    if (!outcome) co_return error_response(outcome.error(), params.at("id"));
    if (auto* plan = std::get_if<engine::RestorePlan>(&outcome.value())) {
      HttpResponse response;
      response.body = boost::json::serialize(restore_plan_to_json(*plan));
      co_return response;
    }
    co_return json_response(202, to_json(std::get<Checkpoint>(outcome.value())));
  });

  router.add("GET", "/v1/checkpoints/{id}/events", [&service](const HttpRequest&, const PathParams& params) -> awaitable<HttpResponse> {
    auto events = service.events(params.at("id"));
    if (!events) co_return error_response(events.error());
    boost::json::array items;
    for (const auto& event : events.value()) items.push_back(to_json(event));
    co_return json_response(200, boost::json::object{{"events", std::move(items)}});
  });
}

}  // namespace ckpt::api
