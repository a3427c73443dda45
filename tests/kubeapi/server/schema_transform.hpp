// Turns a Kubernetes structural OpenAPI v3 schema (a CRD's openAPIV3Schema) into a JSON
// Schema (draft 4) that valijson evaluates the way the API server's schema validation does:
// - "nullable: true" becomes a type list with "null" (and null joins an enum);
// - "x-kubernetes-int-or-string: true" becomes anyOf [integer, string];
// - "format" is kept only for date-time and date (the ones valijson checks; int32, int64
//   and byte are not enforced for CRDs either);
// - descriptions, defaults, examples and x-kubernetes-* extensions are dropped.
// Unknown fields are not handled here: see structural_walk.hpp.
#pragma once

#include <boost/json/value.hpp>

namespace ckpt::kubeapi {

boost::json::value to_json_schema(const boost::json::value& openapi_schema);

}  // namespace ckpt::kubeapi
