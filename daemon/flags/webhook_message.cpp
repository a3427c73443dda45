#include "flags/webhook_message.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "net/body_excerpt.hpp"

namespace ckpt::flags {

std::string webhook_body(std::string_view scope, std::string_view flag, bool on, const FlagChangeContext& context) {
  return boost::json::serialize(boost::json::object{
      {"flag", flag}, {"scope", scope}, {"enabled", on}, {"checkpoint_id", context.checkpoint_id}, {"by", context.by}});
}

Result<void> webhook_outcome(const net::HttpResponse& response) {
  if (response.status >= 200 && response.status < 300) return {};
  return make_error(ErrorCode::engine_error,
                    "answered HTTP " + std::to_string(response.status) + ": " + net::body_excerpt(response.body));
}

}  // namespace ckpt::flags
