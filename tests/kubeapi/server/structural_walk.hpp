// Walks an object alongside the structural schema of its CRD (properties,
// additionalProperties, items, x-kubernetes-preserve-unknown-fields), as the API server's
// decoder does before validation:
// - unknown fields: keys an object schema does not declare (the root "metadata" is left
//   to object_meta.hpp); what fieldValidation=Strict rejects and Warn/Ignore prune;
// - defaulting: absent properties with a "default" get a copy of it, and null values of
//   non-nullable properties are replaced by their default or removed.
// Paths read "spec.externalClusters[0].name"; entries of a map are "spec.parameters[key]".
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace ckpt::kubeapi {

std::vector<std::string> find_unknown_fields(const boost::json::object& schema,
                                             const boost::json::value& object);
void prune_unknown_fields(const boost::json::object& schema, boost::json::value& object);
void apply_schema_defaults(const boost::json::object& schema, boost::json::value& object);

// "parent.name" (or "name" at the root), and "parent[key]" for a map entry or list index.
std::string child_path(const std::string& parent, std::string_view name);
std::string entry_path(const std::string& parent, std::string_view key);

}  // namespace ckpt::kubeapi
