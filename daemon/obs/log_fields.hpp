// How a ContextLogger hands its context fields (checkpoint=…, cluster=…) to the log
// formatters through spdlog, whose log record carries only a message: the fields are
// encoded in front of the message between ASCII record separators (0x1E), each key and
// value followed by a unit separator (0x1F). Only obs's own formatters decode them.
// Guarantees: decode(encode(fields) + text) gives back the fields and text exactly,
// except that 0x1E/0x1F inside keys or values become '?'; a message without the
// prefix decodes to no fields and the whole message.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ckpt::obs {

using LogFields = std::vector<std::pair<std::string, std::string>>;

struct DecodedLogMessage {
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  std::string_view text;
};

// The prefix to put in front of a message; empty for no fields.
std::string encode_log_fields(const LogFields& fields);
// Splits a logged payload into its context fields and the message text.
DecodedLogMessage decode_log_message(std::string_view payload);

}  // namespace ckpt::obs
