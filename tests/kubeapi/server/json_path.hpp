// The JSONPath subset of CRD printer columns: a chain of ".field", "[index]" and
// "['field.with.dots']" steps from the object root, optionally wrapped in "{...}"
// (".status.phase", ".spec.cluster.name", ".status.conditions[0].type").
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace ckpt::kubeapi {

// nullopt when a step does not exist or the path is outside the subset.
std::optional<boost::json::value> evaluate_json_path(const boost::json::value& root, std::string_view path);

}  // namespace ckpt::kubeapi
