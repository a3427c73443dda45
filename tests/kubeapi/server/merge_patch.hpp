// JSON Merge Patch (RFC 7386), the body of PATCH with Content-Type application/merge-patch+json:
// an object patch merges key by key, null removes a key, anything else replaces the target.
#pragma once

#include <boost/json/value.hpp>

namespace ckpt::kubeapi {

boost::json::value apply_merge_patch(boost::json::value target, const boost::json::value& patch);

}  // namespace ckpt::kubeapi
