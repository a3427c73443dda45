// The flag webhook's wire contract: the JSON body that announces a change,
//   {"flag":"FEATURE_X","scope":"prod","enabled":false,"checkpoint_id":"c1a2","by":"slo-watch"}
// and what an answer means: any 2xx is done; anything else is an engine_error that gives
// the status and a bounded excerpt of the body on one line (net/body_excerpt.hpp:
// "answered HTTP 500: \"upstream\\ndown\"").
// Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "flags/flag_switch.hpp"
#include "net/http_message.hpp"

namespace ckpt::flags {

std::string webhook_body(std::string_view scope, std::string_view flag, bool on, const FlagChangeContext& context);

Result<void> webhook_outcome(const net::HttpResponse& response);

}  // namespace ckpt::flags
