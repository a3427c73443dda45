// HTTP responses of the test server: JSON bodies, and Status bodies for errors (429s carry
// "Retry-After: 1" and details.retryAfterSeconds, as the API server's do).
#pragma once

#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "net/http_message.hpp"

namespace ckpt::kubeapi {

net::HttpResponse json_response(int status, const boost::json::object& body);
net::HttpResponse status_response(const Error& error, boost::json::object details = {});

}  // namespace ckpt::kubeapi
