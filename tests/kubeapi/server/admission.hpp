// Admission: what the API server does to a create or update body before storing it, as
// pure functions of the type, the stored object and the body:
// - strict decoding: fields neither ObjectMeta nor the schema declare are a BadRequest
//   ("strict decoding error: unknown field \"spec.foo\"");
// - ObjectMeta checks and system fields (uid, creationTimestamp, generation; managedFields
//   and the like are dropped);
// - the status subresource: create drops .status, an update of the main resource keeps the
//   stored .status, an update of /status changes nothing but .status;
// - built-in normalization, schema defaults, schema validation and CEL transition rules
//   (422 Invalid "Backup.postgresql.cnpg.io \"x\" is invalid: spec: ...");
// - optimistic concurrency: an update must carry the stored resourceVersion (422 when
//   missing, 409 Conflict when different);
// - generation: +1 when anything outside metadata and status changed.
// resourceVersion itself, name uniqueness and namespace existence are the store's business.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

enum class Subresource { main, status };

struct NewObjectIdentity {
  std::string uid;
  std::string creation_timestamp;
};

// Paths of fields neither ObjectMeta nor the type's schema declare ("metadata.foo", "spec.bar").
std::vector<std::string> undeclared_fields(const ResourceType& type, const boost::json::object& body);
void prune_undeclared_fields(const ResourceType& type, boost::json::object& body);

Result<boost::json::object> admit_create(const ResourceType& type, boost::json::object body,
                                         const NewObjectIdentity& identity);

// body is the whole object as the client wants it (for a merge patch: the patched object).
Result<boost::json::object> admit_update(const ResourceType& type, const boost::json::object& current,
                                         boost::json::object body, Subresource target);

}  // namespace ckpt::kubeapi
