// Lenient lookups into JSON objects the daemon already holds (a source Cluster's spec,
// an object's metadata): a missing key, a null or a value of another kind reads as
// absent. Strict reading of API status with error messages is api_object_reader.hpp.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace ckpt::cnpg {

// The object at `key`, or nullptr.
const boost::json::object* object_at(const boost::json::object* parent, std::string_view key);
// The string at `key`, or "".
std::string string_at(const boost::json::object* parent, std::string_view key);
// The boolean at `key`, or `fallback`.
bool bool_at(const boost::json::object* parent, std::string_view key, bool fallback);

}  // namespace ckpt::cnpg
