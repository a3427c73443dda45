// Reading CustomResourceDefinitions: one ResourceType per served version (names, scope,
// status subresource, printer columns, compiled schema), and the reverse, a minimal CRD
// document for a type known without its CRD file (schema: preserve unknown fields).
#pragma once

#include <boost/json/object.hpp>

#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

// An error names the CRD and the field that is missing or malformed.
Result<std::vector<ResourceType>> resource_types_from_crd(const boost::json::object& crd);

boost::json::object synthesize_crd(const ResourceType& type);

}  // namespace ckpt::kubeapi
