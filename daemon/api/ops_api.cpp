#include "api/ops_api.hpp"

#include "codec/error_json.hpp"

namespace ckpt::api {

void add_ops_routes(Router& router, const obs::Metrics& metrics, const std::atomic<bool>& ready) {
  router.add("GET", "/healthz", [](const net::HttpRequest&, const PathParams&) -> boost::asio::awaitable<net::HttpResponse> {
    net::HttpResponse response;
    response.body = R"({"status":"ok"})";
    co_return response;
  });
  router.add("GET", "/readyz", [&ready](const net::HttpRequest&, const PathParams&) -> boost::asio::awaitable<net::HttpResponse> {
    net::HttpResponse response;
    if (ready.load()) {
      response.body = R"({"status":"ready"})";
    } else {
      response.status = proto::spec_of(ErrorCode::unavailable).http_status;
      response.body = error_body(make_error(ErrorCode::unavailable, "checkpointd is starting or shutting down"));
    }
    co_return response;
  });
  router.add("GET", "/metrics", [&metrics](const net::HttpRequest&, const PathParams&) -> boost::asio::awaitable<net::HttpResponse> {
    net::HttpResponse response;
    response.content_type = std::string{obs::Metrics::kContentType};
    response.body = metrics.render();
    co_return response;
  });
}

}  // namespace ckpt::api
