// A minimal but valid OpenAPI v3 discovery for kubectl: /openapi/v3 lists one document per
// group-version ("apis/postgresql.cnpg.io/v1", "api/v1"), and each document has the REST
// paths of its resources with operations tagged x-kubernetes-group-version-kind, the query
// parameters the server honours (fieldValidation on POST, PUT and PATCH: that is how kubectl
// learns that it may leave validation to the server), merge patch as the only PATCH body,
// and the CRD schemas under components.schemas.
// /openapi/v2 is not served (kubectl treats its absence as "no client-side schema").
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

#include "kubeapi/server/type_registry.hpp"

namespace ckpt::kubeapi {

boost::json::object openapi_v3_index(const TypeRegistry& types);

// group_version_path: "api/v1" or "apis/<group>/<version>"; nullopt when nothing is served there.
std::optional<boost::json::object> openapi_v3_document(const TypeRegistry& types,
                                                       std::string_view group_version_path);

}  // namespace ckpt::kubeapi
