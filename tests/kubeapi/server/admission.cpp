#include "kubeapi/server/admission.hpp"

#include <boost/json/value.hpp>

#include <string_view>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/object_identity.hpp"
#include "kubeapi/server/object_meta.hpp"
#include "kubeapi/server/object_schema.hpp"

namespace ckpt::kubeapi {
namespace {

boost::json::object& metadata_of(boost::json::object& object) {
  auto& metadata = object["metadata"];
  if (!metadata.is_object()) metadata = boost::json::object{};
  return metadata.get_object();
}

const boost::json::object& metadata_of(const boost::json::object& object) {
  static const boost::json::object empty;
  const auto* metadata = object.if_contains("metadata");
  return metadata && metadata->is_object() ? metadata->get_object() : empty;
}

Error invalid(const ResourceType& type, const std::string& name, const std::vector<FieldError>& errors) {
  return invalid_object(type.group_kind(), name, errors);
}

Result<void> check_decodable(const ResourceType& type, const boost::json::object& body) {
  if (const auto* metadata = body.if_contains("metadata"); metadata && !metadata->is_object()) {
    return api_error(reason::kBadRequest, type.kind + " in version \"" + type.version +
                                              "\" cannot be handled as a " + type.kind +
                                              ": metadata must be an object");
  }
  const auto unknown = undeclared_fields(type, body);
  if (unknown.empty()) return {};
  std::string fields;
  for (const auto& path : unknown)
    fields += (fields.empty() ? "" : ", ") + std::string("unknown field \"") + path + "\"";
  return api_error(reason::kBadRequest, type.kind + " in version \"" + type.version +
                                            "\" cannot be handled as a " + type.kind +
                                            ": strict decoding error: " + fields);
}

// Normalization, defaults, ObjectMeta and schema checks shared by create and update.
Result<void> check_object(const ResourceType& type, boost::json::object& object,
                          const boost::json::object* current) {
  if (type.normalize) {
    auto normalized = type.normalize(object);
    if (!normalized) return std::move(normalized).error();
  }
  const std::string name = string_field(metadata_of(object), "name");
  std::vector<FieldError> errors = validate_object_meta(
      metadata_of(object), type.names_are_dns_labels ? NameRule::dns_label : NameRule::dns_subdomain);
  if (type.schema) {
    boost::json::value value = std::move(object);
    type.schema->apply_defaults(value);
    const boost::json::value old_value = current ? boost::json::value(*current) : boost::json::value();
    for (auto& error : type.schema->validate(value, current ? &old_value : nullptr))
      errors.push_back(std::move(error));
    object = std::move(value.get_object());
  }
  if (!errors.empty()) return invalid(type, name, errors);
  return {};
}

void drop_server_managed_fields(boost::json::object& metadata) {
  for (std::string_view key :
       {"selfLink", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
    metadata.erase(key);
  }
}

boost::json::object without_metadata_and_status(boost::json::object object) {
  object.erase("metadata");
  object.erase("status");
  return object;
}

Result<void> check_identity(const ResourceType& type, const boost::json::object& current,
                            const boost::json::object& body) {
  const auto& stored = metadata_of(current);
  const auto& sent = metadata_of(body);
  const std::string stored_name = string_field(stored, "name");
  const std::string sent_name = string_field(sent, "name");
  if (sent_name != stored_name) {
    return api_error(reason::kBadRequest, "the name of the object (" + sent_name +
                                              ") does not match the name on the URL (" + stored_name + ")");
  }
  const std::string sent_namespace = string_field(sent, "namespace");
  if (type.namespaced && !sent_namespace.empty() && sent_namespace != string_field(stored, "namespace")) {
    return api_error(reason::kBadRequest,
                     "the namespace of the provided object does not match the namespace sent on the request");
  }
  const std::string sent_version = string_field(sent, "resourceVersion");
  if (sent_version.empty()) {
    return invalid(type, stored_name,
                   {{"metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update"}});
  }
  if (sent_version != string_field(stored, "resourceVersion")) {
    return api_error(reason::kConflict,
                     "Operation cannot be fulfilled on " + type.qualified_name() + " \"" + stored_name +
                         "\": the object has been modified; please apply your changes to the "
                         "latest version and try again");
  }
  return {};
}

}  // namespace

std::vector<std::string> undeclared_fields(const ResourceType& type, const boost::json::object& body) {
  std::vector<std::string> unknown = unknown_metadata_fields(metadata_of(body));
  if (type.schema) {
    for (auto& path : type.schema->unknown_fields(body)) unknown.push_back(std::move(path));
  }
  return unknown;
}

void prune_undeclared_fields(const ResourceType& type, boost::json::object& body) {
  if (auto* metadata = body.if_contains("metadata"); metadata && metadata->is_object()) {
    for (const auto& path : unknown_metadata_fields(metadata->get_object())) {
      metadata->get_object().erase(std::string_view(path).substr(std::string_view("metadata.").size()));
    }
  }
  if (type.schema) {
    boost::json::value value = std::move(body);
    type.schema->prune_unknown_fields(value);
    body = std::move(value.get_object());
  }
}

Result<boost::json::object> admit_create(const ResourceType& type, boost::json::object body,
                                         const NewObjectIdentity& identity) {
  if (auto decodable = check_decodable(type, body); !decodable) return std::move(decodable).error();
  auto& metadata = metadata_of(body);
  const std::string generate_name = string_field(metadata, "generateName");
  if (string_field(metadata, "name").empty() && !generate_name.empty()) {
    metadata["name"] = generate_name + random_name_suffix();
  }
  if (!string_field(metadata, "resourceVersion").empty()) {
    return api_error(reason::kBadRequest, "resourceVersion should not be set on objects to be created");
  }
  if (!type.namespaced) metadata.erase("namespace");
  if (type.status_subresource) body.erase("status");
  if (auto checked = check_object(type, body, nullptr); !checked) return std::move(checked).error();

  auto& admitted = metadata_of(body);
  drop_server_managed_fields(admitted);
  admitted["uid"] = identity.uid;
  admitted["creationTimestamp"] = identity.creation_timestamp;
  admitted["generation"] = 1;
  return body;
}

Result<boost::json::object> admit_update(const ResourceType& type, const boost::json::object& current,
                                         boost::json::object body, Subresource target) {
  if (auto decodable = check_decodable(type, body); !decodable) return std::move(decodable).error();
  if (auto identity = check_identity(type, current, body); !identity) return std::move(identity).error();

  boost::json::object candidate;
  if (target == Subresource::status) {
    candidate = current;
    if (const auto* status = body.if_contains("status")) {
      candidate["status"] = *status;
    } else {
      candidate.erase("status");
    }
  } else {
    candidate = std::move(body);
    if (type.status_subresource) {
      if (const auto* status = current.if_contains("status")) {
        candidate["status"] = *status;
      } else {
        candidate.erase("status");
      }
    }
    auto& metadata = metadata_of(candidate);
    const auto& stored = metadata_of(current);
    drop_server_managed_fields(metadata);
    for (std::string_view key : {"uid", "creationTimestamp", "namespace", "generation"}) {
      if (const auto* value = stored.if_contains(key)) {
        metadata[key] = *value;
      } else {
        metadata.erase(key);
      }
    }
    metadata.erase("generateName");
    if (const auto* generate_name = stored.if_contains("generateName"))
      metadata["generateName"] = *generate_name;
  }
  if (auto checked = check_object(type, candidate, &current); !checked) return std::move(checked).error();

  if (without_metadata_and_status(candidate) != without_metadata_and_status(current)) {
    const auto* generation = metadata_of(current).if_contains("generation");
    const std::int64_t stored_generation = generation && generation->is_int64() ? generation->get_int64() : 0;
    metadata_of(candidate)["generation"] = stored_generation + 1;
  }
  return candidate;
}

}  // namespace ckpt::kubeapi
