// JSON values as text for `-o json` and `-o yaml`. The JSON form is indented with two
// spaces; the YAML form comes from yaml-cpp's Emitter and reads back as the same
// value: strings that YAML would resolve to another type (true, 123, 0x1f, a date)
// are quoted, multi-line strings become literal blocks. Both end in a newline.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace ckpt::cli {

std::string pretty_json(const boost::json::value& value);
std::string yaml_from_json(const boost::json::value& value);

}  // namespace ckpt::cli
