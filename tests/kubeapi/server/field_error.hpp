// FieldError: one problem with one field of an object, in the shape Kubernetes prints
// validation failures: "<path>: <message>", e.g. "spec.cluster.name: Required value", and
// the Invalid error that reports them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

struct FieldError {
  std::string path;  // "spec.externalClusters[0].name"; empty for the object itself
  std::string message;

  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

// "a, b" for one or several errors, the way the API server joins them inside [...].
std::string join_field_errors(const std::vector<FieldError>& errors);

// The 422 Invalid error for an object: `Deployment.apps "web" is invalid: <error>`, or
// with several errors `... is invalid: [<error>, <error>]`.
Error invalid_object(std::string_view group_kind, std::string_view name, const std::vector<FieldError>& errors);

// The other way round, for the Status details from which kubectl prints an Invalid error
// ("The Deployment \"web\" is invalid: <field>: <message>"): the object's name and field
// errors read back from the message. nullopt for a message of another form.
struct InvalidObject {
  std::string name;
  std::vector<FieldError> errors;
};
std::optional<InvalidObject> parse_invalid_message(std::string_view group_kind, std::string_view message);

// The StatusCause reason of a field error: FieldValueRequired, FieldValueInvalid,
// FieldValueDuplicate, FieldValueNotSupported, FieldValueForbidden, FieldValueTooLong.
std::string_view cause_reason(const FieldError& error);

}  // namespace ckpt::kubeapi
