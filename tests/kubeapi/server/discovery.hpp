// Legacy (unaggregated) discovery documents, enough for kubectl and client-go:
// /version, /api (APIVersions), /apis (APIGroupList), /apis/<group> (APIGroup) and
// /api/v1 or /apis/<group>/<version> (APIResourceList with kind, namespaced, verbs,
// singularName, shortNames, categories and a "<plural>/status" entry for status
// subresources). They are always served as plain application/json, which makes clients
// that ask for aggregated discovery (apidiscovery.k8s.io/v2) fall back to these.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

#include "kubeapi/server/type_registry.hpp"

namespace ckpt::kubeapi {

// The Kubernetes version the test server claims to be (kubectl's own minor version).
inline constexpr std::string_view kServedMinorVersion = "32";

boost::json::object version_document();
boost::json::object api_versions_document();
boost::json::object api_group_list(const TypeRegistry& types);
std::optional<boost::json::object> api_group(const TypeRegistry& types, std::string_view group);
// group "" is the core group (/api/v1).
std::optional<boost::json::object> api_resource_list(const TypeRegistry& types, std::string_view group,
                                                     std::string_view version);

}  // namespace ckpt::kubeapi
