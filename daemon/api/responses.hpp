// The HTTP answers the API handlers share: a JSON body with a status, an error body from
// the shared error-code table (with the checkpoint id when one was recorded), and a
// checkpoint or its error, and the answer to a begin (202 created, 200 the earlier one of
// the same idempotency key, the refusal with its recorded id, or the error).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>
#include <variant>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "net/http_message.hpp"
#include "service/checkpoint_service.hpp"

namespace ckpt::api {

net::HttpResponse json_response(int status, const boost::json::value& body);
net::HttpResponse error_response(const Error& error, std::string_view checkpoint_id = {});
net::HttpResponse checkpoint_response(int status, const Result<Checkpoint>& result);
net::HttpResponse begin_response(const std::variant<service::BeginOutcome, service::Refusal, Error>& outcome);

}  // namespace ckpt::api
