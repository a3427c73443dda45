// ObjectSchema: one CRD version's openAPIV3Schema, compiled once, applied to request bodies
// the way the API server does: unknown fields (structural_walk.hpp), defaults, then
// validation by valijson (types, enums, patterns, required, bounds, lengths, date-time)
// plus the supported x-kubernetes-validations rules (validation_rules.hpp).
// Immutable after compile(); safe to use from several threads.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/field_error.hpp"

namespace valijson {
class Schema;
}  // namespace valijson

namespace ckpt::kubeapi {

class ObjectSchema {
 public:
  // An error when valijson cannot read the transformed schema.
  static Result<std::shared_ptr<const ObjectSchema>> compile(boost::json::object openapi_schema);
  ~ObjectSchema();
  ObjectSchema(const ObjectSchema&) = delete;
  ObjectSchema& operator=(const ObjectSchema&) = delete;

  // Every violation, deepest field first reported once; transition rules ("oldSelf") are
  // checked only when old_object (the stored object) is given.
  std::vector<FieldError> validate(const boost::json::value& object,
                                   const boost::json::value* old_object) const;

  std::vector<std::string> unknown_fields(const boost::json::value& object) const;
  void prune_unknown_fields(boost::json::value& object) const;
  void apply_defaults(boost::json::value& object) const;

  // The schema as written in the CRD.
  const boost::json::object& openapi() const { return openapi_; }

 private:
  ObjectSchema(boost::json::object openapi, boost::json::value json_schema,
               std::unique_ptr<valijson::Schema> compiled);

  boost::json::object openapi_;
  boost::json::value json_schema_;
  std::unique_ptr<valijson::Schema> compiled_;
};

}  // namespace ckpt::kubeapi
