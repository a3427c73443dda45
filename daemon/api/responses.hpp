// The HTTP answers the API handlers share: a JSON body with a status, an error body from
// the shared error-code table (with the checkpoint id when one was recorded), and a
// checkpoint or its error.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "net/http_message.hpp"

namespace ckpt::api {

net::HttpResponse json_response(int status, const boost::json::value& body);
net::HttpResponse error_response(const Error& error, std::string_view checkpoint_id = {});
net::HttpResponse checkpoint_response(int status, const Result<Checkpoint>& result);

}  // namespace ckpt::api
