#include "api/router.hpp"

#include "codec/echoed_text.hpp"
#include "codec/error_json.hpp"

namespace ckpt::api {
namespace {

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path, PathParams& params) {
  if (pattern.size() != path.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& segment = pattern[i];
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      if (path[i].empty()) return false;
      found.emplace(segment.substr(1, segment.size() - 2), path[i]);
    } else if (segment != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

net::HttpResponse error_response(ErrorCode code, std::string message) {
  net::HttpResponse response;
  response.status = proto::spec_of(code).http_status;
  response.body = error_body(make_error(code, std::move(message)));
  return response;
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const auto end = path.find('/', start);
    segments.emplace_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

void Router::add(std::string method, std::string pattern, RouteHandler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{RouteInfo{std::move(method), std::move(pattern)}, std::move(segments), std::move(handler)});
}

boost::asio::awaitable<net::HttpResponse> Router::dispatch(net::HttpRequest request) const {
  const auto path = split_path(request.path());
  std::string allowed;
  for (const auto& route : routes_) {
    PathParams params;
    if (!match(route.segments, path, params)) continue;
    if (route.info.method == request.method) co_return co_await route.handler(request, params);
    if (!allowed.empty()) allowed += ", ";
    allowed += route.info.method;
  }
  if (!allowed.empty()) {
    auto response = error_response(ErrorCode::method_not_allowed,
                                   "method " + codec::echoed(request.method) + " is not allowed on " +
                                       codec::echoed(request.path()) + " (allowed: " + allowed + ")");
    response.headers.emplace_back("Allow", allowed);
    co_return response;
  }
  co_return error_response(ErrorCode::not_found, "no route for " + codec::echoed(request.method) + " " +
                                                     codec::echoed(request.path()) +
                                                     "; the API is described in proto/openapi.yaml");
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> infos;
  infos.reserve(routes_.size());
  for (const auto& route : routes_) infos.push_back(route.info);
  return infos;
}

}  // namespace ckpt::api
