#include "api/responses.hpp"

#include <boost/json/serialize.hpp>

#include "codec/error_json.hpp"
#include "codec/model_json.hpp"

namespace ckpt::api {

net::HttpResponse json_response(int status, const boost::json::value& body) {
  net::HttpResponse response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

net::HttpResponse error_response(const Error& error, std::string_view checkpoint_id) {
  net::HttpResponse response;
  response.status = proto::spec_of(error.code).http_status;
  response.body = error_body(error, checkpoint_id);
  return response;
}

net::HttpResponse checkpoint_response(int status, const Result<Checkpoint>& result) {
  if (!result) return error_response(result.error());
  return json_response(status, to_json(result.value()));
}

net::HttpResponse begin_response(const std::variant<service::BeginOutcome, service::Refusal, Error>& outcome) {
  if (const auto* begun = std::get_if<service::BeginOutcome>(&outcome)) {
    return json_response(begun->created ? 202 : 200, to_json(begun->checkpoint));
  }
  if (const auto* refusal = std::get_if<service::Refusal>(&outcome)) {
    return error_response(refusal->error, refusal->checkpoint_id);
  }
  return error_response(std::get<Error>(outcome));
}

}  // namespace ckpt::api
