#include "codec/error_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/field_reader.hpp"

namespace ckpt {

namespace json = boost::json;

std::string error_body(const Error& error, std::string_view checkpoint_id) {
  json::object detail{
      {"code", proto::spec_of(error.code).name},
      {"message", error.message},
  };
  if (!error.reason.empty()) detail["reason"] = error.reason;
  if (!checkpoint_id.empty()) detail["checkpoint_id"] = checkpoint_id;
  return json::serialize(json::object{{"error", std::move(detail)}});
}

Result<ErrorBody> error_from_body(std::string_view body) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(body, ec);
  if (ec) return make_error(ErrorCode::internal, "error body is not valid JSON: " + ec.message());
  if (!parsed.is_object()) {
    return make_error(ErrorCode::internal, "error body must be a JSON object, got " +
                                               std::string{codec::json_kind_name(parsed)});
  }
  codec::FieldReader outer{parsed.get_object(), "", ErrorCode::internal};
  const json::object* detail = outer.object_field("error", codec::Presence::required);
  if (detail == nullptr) return outer.finish(ErrorBody{});
  codec::FieldReader in{*detail, "error", ErrorCode::internal};
  const std::string code_name = in.required_string("code");
  ErrorBody decoded;
  decoded.error.message = in.required_string("message");
  decoded.error.reason = in.optional_string("reason");
  decoded.checkpoint_id = in.optional_string("checkpoint_id");
  if (in.ok()) {
    if (const auto code = proto::error_code_from_name(code_name)) {
      decoded.error.code = *code;
    } else {
      in.fail_field("code", "names an unknown error code '" + code_name + "'");
    }
  }
  return in.finish(std::move(decoded));
}

}  // namespace ckpt
