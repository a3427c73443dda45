// The two line formats of checkpointd's logs, as spdlog formatters that understand
// the context fields of log_fields.hpp. Time is UTC with microseconds.
//   text: 2026-11-21T06:48:15.123456Z info [api] checkpoint=ab12cd34 cluster=app started
//         (a field value with spaces, quotes, '=' or control characters is JSON-quoted)
//   json: {"ts":"2026-11-21T06:48:15.123456Z","level":"info","logger":"api",
//          "msg":"started","checkpoint":"ab12cd34","cluster":"app"}   (one object a line)
// JSON lines are escaped by Boost.JSON, so quotes and newlines in a message cannot break
// a line. A context field named ts, level, logger or msg does not replace those.
#pragma once

#include <memory>
#include <string_view>

#include <spdlog/formatter.h>

namespace ckpt::obs {

// `format` is a config value: "json" for JSON lines, otherwise ("text") the text format.
std::unique_ptr<spdlog::formatter> make_log_formatter(std::string_view format);

}  // namespace ckpt::obs
