#include "kubeapi/server/responses.hpp"

#include <boost/json/serialize.hpp>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {

net::HttpResponse json_response(int status, const boost::json::object& body) {
  net::HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = boost::json::serialize(body);
  return response;
}

net::HttpResponse status_response(const Error& error, boost::json::object details) {
  const bool throttled = error.reason == reason::kTooManyRequests;
  if (throttled) details["retryAfterSeconds"] = 1;
  net::HttpResponse response = json_response(http_status_of(error), status_object(error, std::move(details)));
  if (throttled) response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace ckpt::kubeapi
