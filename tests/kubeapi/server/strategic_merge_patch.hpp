// Strategic merge patch (PATCH with Content-Type application/strategic-merge-patch+json),
// which the API server accepts for built-in types only (k8s.io/apimachinery strategicpatch),
// applied with the patch metadata of the type's OpenAPI schema:
// - an object merges key by key; null, or {"$patch": "delete"}, removes a key;
// - a list whose schema says x-kubernetes-patch-strategy "merge" with an
//   x-kubernetes-patch-merge-key merges item by item on that key (containers and env by
//   name, ports by containerPort); an item {"$patch": "delete", <key>: ...} removes its
//   match; a list of scalars with strategy "merge" takes the union; other lists are replaced;
// - directives: "$patch": "replace" on an object (or as an item of a list) replaces instead
//   of merging; "$setElementOrder/<list>" orders the merged list (items it does not name
//   keep their order, after the named ones); "$deleteFromPrimitiveList/<list>" removes
//   values from a list of scalars; "$retainKeys" drops the original's keys it does not name.
// Errors are BadRequest: an item of a merged list without its merge key, an unknown
// "$patch" value. Pure.
#pragma once

#include <boost/json/object.hpp>

#include "core/result.hpp"

namespace ckpt::kubeapi {

// `schema`: the type's openAPIV3Schema (empty: no list merges by key).
Result<boost::json::object> apply_strategic_merge_patch(boost::json::object original, const boost::json::object& patch,
                                                        const boost::json::object& schema);

}  // namespace ckpt::kubeapi
