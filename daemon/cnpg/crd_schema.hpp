// A CustomResourceDefinition's schema for one served version, used to check a manifest
// before it is sent. Unknown fields are REJECTED, as strict field validation does (the
// API server's structural pruning would otherwise drop a misspelt field silently). The
// openAPIV3Schema is adapted for a JSON Schema validator (valijson, draft 4): every object
// schema with `properties` and without `x-kubernetes-preserve-unknown-fields: true` gets
// `additionalProperties: {not: {}}` (like `false`, but every unknown field is reported,
// by its own path); `x-kubernetes-int-or-string` becomes anyOf integer/string. CEL rules (x-kubernetes-validations), defaults and webhooks are not
// evaluated: the API server still has the last word.
// Immutable once built; copies share the compiled schema; violations() may be called
// from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"

namespace ckpt::cnpg {

class CrdSchema {
 public:
  // `crd` is a CustomResourceDefinition object as the API returns it (KubeClient::get_crd)
  // or as its YAML file reads; `version` is the served version manifests are sent as
  // ("v1" of "postgresql.cnpg.io/v1"). ErrorCode::engine_error naming the CRD when it
  // does not serve that version with an openAPIV3Schema, or the schema cannot be compiled.
  static Result<CrdSchema> from_crd(const boost::json::object& crd, std::string_view version);

  // "backups.postgresql.cnpg.io"
  const std::string& crd_name() const;

  // One line per violation, "spec.bootstrap.recovery.recoveryTarget: <what is wrong>"
  // (valijson's description without its final period; an unknown field is
  // "spec.tagret: unknown field: the CRD schema does not define it")
  // (the field where it is wrong; the object itself is "(root)"); empty when the object
  // is valid.
  std::vector<std::string> violations(const boost::json::value& object) const;

 private:
  struct Compiled;
  explicit CrdSchema(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace ckpt::cnpg
