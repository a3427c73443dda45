// JSON manifests as YAML for people (`restore --dry-run`, docs): block style, keys in the
// JSON object's insertion order, so the same manifest always prints the same text.
// Round trip: loading the YAML with a YAML 1.1 or 1.2 resolver (kubectl, yaml-cpp plus
// the usual scalar rules) gives back the same JSON, types included. Strings a resolver
// would read as something else are double-quoted: "" and null/boolean words ("true",
// "on", "yes", "~", ...), and anything starting with a digit, '.', or a sign followed by a
// digit or '.' ("5432", "0/3000148", "20260115T103001", "1:20", "-1", ".inf"). Numbers
// keep their kind: a double always prints with a '.' or an exponent ("1.0", "1e+300").
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace ckpt::cnpg {

std::string to_yaml(const boost::json::value& value);

}  // namespace ckpt::cnpg
