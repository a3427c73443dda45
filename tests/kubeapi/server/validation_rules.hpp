// The subset of CRD x-kubernetes-validations (CEL) rules the test server evaluates, found by
// walking the schema alongside the object (and the stored object, for transition rules):
// - "oldSelf == self" / "self == oldSelf": the field may not change once set (Backup.spec,
//   ScheduledBackup.spec.cluster, Cluster.spec.serviceAccountName); only on update;
// - "!has(self.f)": the field f must be absent (ObjectStore.spec.configuration.serverName);
// - "!(has(self.a) && has(self.b))": a and b are mutually exclusive (Cluster imageName /
//   imageCatalogRef).
// Other rules are not evaluated; is_supported_rule tells which are. Messages follow the API
// server: "spec: Invalid value: \"object\": BackupSpec is immutable once set", or with
// reason FieldValueForbidden and a fieldPath: "spec.configuration.serverName: Forbidden: ...".
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>
#include <vector>

#include "kubeapi/server/field_error.hpp"

namespace ckpt::kubeapi {

std::vector<FieldError> check_validation_rules(const boost::json::object& schema,
                                               const boost::json::value& object,
                                               const boost::json::value* old_object);

bool is_supported_rule(std::string_view rule);

}  // namespace ckpt::kubeapi
