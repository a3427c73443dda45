#include "kubeapi/server/schema_transform.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string_view>

#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

bool dropped_keyword(std::string_view key) {
  return key == "description" || key == "default" || key == "example" || key == "externalDocs" ||
         key == "nullable" || key.starts_with("x-kubernetes-");
}

bool schema_valued(std::string_view key) {
  return key == "items" || key == "additionalProperties" || key == "not";
}

bool schema_list_valued(std::string_view key) { return key == "anyOf" || key == "allOf" || key == "oneOf"; }

boost::json::object transform_map(const boost::json::object& schemas) {
  boost::json::object out;
  for (const auto& [name, schema] : schemas) out[name] = to_json_schema(schema);
  return out;
}

boost::json::array transform_list(const boost::json::array& schemas) {
  boost::json::array out;
  for (const auto& schema : schemas) out.push_back(to_json_schema(schema));
  return out;
}

}  // namespace

boost::json::value to_json_schema(const boost::json::value& openapi_schema) {
  if (!openapi_schema.is_object()) return openapi_schema;
  const auto& in = openapi_schema.get_object();
  boost::json::object out;
  for (const auto& [key, value] : in) {
    if (dropped_keyword(key)) continue;
    if (key == "format") {
      if (value == "date-time" || value == "date") out[key] = value;
    } else if (key == "properties" && value.is_object()) {
      out[key] = transform_map(value.get_object());
    } else if (schema_valued(key)) {
      out[key] = to_json_schema(value);
    } else if (schema_list_valued(key) && value.is_array()) {
      out[key] = transform_list(value.get_array());
    } else {
      out[key] = value;
    }
  }
  if (true_field(in, "nullable")) {
    if (const auto* type = out.if_contains("type"); type && type->is_string()) {
      out["type"] = boost::json::array{*type, "null"};
    }
    if (auto* values = out.if_contains("enum"); values && values->is_array())
      values->get_array().push_back(nullptr);
  }
  if (true_field(in, "x-kubernetes-int-or-string")) {
    out.erase("type");
    if (!out.contains("anyOf")) {
      out["anyOf"] = boost::json::array{boost::json::object{{"type", "integer"}},
                                        boost::json::object{{"type", "string"}}};
    }
  }
  return out;
}

}  // namespace ckpt::kubeapi
