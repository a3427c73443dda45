// Maps (method, path) to handlers. Patterns are literal segments and `{name}`
// parameters ("/v1/checkpoints/{id}/commit"). A path that matches with another method
// answers 405 naming the allowed methods; no match answers 404. Both messages echo the
// method and path bounded (codec/echoed_text.hpp). The route list is
// public so that a test can compare it with proto/openapi.yaml.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "net/http_message.hpp"

namespace ckpt::api {

using PathParams = std::map<std::string, std::string, std::less<>>;
using RouteHandler = std::function<boost::asio::awaitable<net::HttpResponse>(const net::HttpRequest&, const PathParams&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
};

class Router {
 public:
  void add(std::string method, std::string pattern, RouteHandler handler);
  boost::asio::awaitable<net::HttpResponse> dispatch(net::HttpRequest request) const;
  std::vector<RouteInfo> routes() const;

 private:
  struct Route {
    RouteInfo info;
    std::vector<std::string> segments;
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}; the query string is not part of the path.
std::vector<std::string> split_path(std::string_view path);

}  // namespace ckpt::api
