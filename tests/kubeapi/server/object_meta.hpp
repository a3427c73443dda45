// ObjectMeta checks that the API server applies to every object it stores, whatever its
// schema: only ObjectMeta's fields, with the right JSON types; a name (or generateName)
// that is a lowercase RFC 1123 subdomain (a DNS label for namespaces); label keys and
// values and annotation keys in Kubernetes' formats. Messages match the API server's.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "kubeapi/server/field_error.hpp"

namespace ckpt::kubeapi {

enum class NameRule { dns_subdomain, dns_label };

// Keys of metadata that ObjectMeta does not have, as "metadata.<key>".
std::vector<std::string> unknown_metadata_fields(const boost::json::object& metadata);

std::vector<FieldError> validate_object_meta(const boost::json::object& metadata, NameRule name_rule);

bool is_dns1123_subdomain(std::string_view text);
bool is_dns1123_label(std::string_view text);

}  // namespace ckpt::kubeapi
