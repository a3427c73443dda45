// Reading optional fields of Kubernetes JSON objects without exceptions: a field that is
// missing or of another JSON type reads as empty ("", nullptr, false).
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ckpt::kubeapi {

std::string string_field(const boost::json::object& object, std::string_view key);
const boost::json::object* object_field(const boost::json::object& object, std::string_view key);
// True only for a JSON true.
bool true_field(const boost::json::object& object, std::string_view key);
// metadata.<key> as a string ("name", "namespace", "resourceVersion", ...).
std::string metadata_field(const boost::json::object& object, std::string_view key);

}  // namespace ckpt::kubeapi
