#include "kubeapi/server/table.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

#include "core/time_format.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/json_path.hpp"

namespace ckpt::kubeapi {
namespace {

constexpr std::string_view kNameDescription =
    "Name must be unique within a namespace. Is required when creating resources, although some resources "
    "may allow "
    "a client to request the generation of an appropriate name automatically. Name is primarily intended for "
    "creation idempotence and configuration definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

boost::json::object column_definition(std::string_view name, std::string_view type, std::string_view format,
                                      std::string_view description, int priority) {
  return {{"name", name},
          {"type", type},
          {"format", format},
          {"description", description},
          {"priority", priority}};
}

boost::json::value date_cell(const boost::json::value& value, std::chrono::system_clock::time_point now) {
  const auto at = value.is_string() ? parse_rfc3339(value.get_string()) : std::nullopt;
  if (!at) return "<invalid>";
  return boost::json::value(human_duration(std::chrono::floor<std::chrono::seconds>(now - *at)));
}

boost::json::value cell(const PrinterColumn& column, const boost::json::object& object,
                        std::chrono::system_clock::time_point now) {
  if (column.cell) return column.cell(object);
  const auto value = evaluate_json_path(object, column.json_path);
  if (!value || value->is_null()) return nullptr;
  if (column.type == "date") return date_cell(*value, now);
  if (column.type == "integer") {
    if (value->is_int64() || value->is_uint64()) return *value;
    if (value->is_double() && std::floor(value->get_double()) == value->get_double()) {
      return static_cast<std::int64_t>(value->get_double());
    }
    return nullptr;
  }
  if (column.type == "number") return value->is_number() ? *value : boost::json::value(nullptr);
  if (column.type == "boolean") return value->is_bool() ? *value : boost::json::value(nullptr);
  if (value->is_string()) return *value;
  return boost::json::value(boost::json::serialize(*value));
}

boost::json::object row_object(const boost::json::object& object, TableObjects include) {
  if (include == TableObjects::object) return object;
  const auto* metadata = object.if_contains("metadata");
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", metadata ? *metadata : boost::json::object{}}};
}

}  // namespace

std::string human_duration(std::chrono::seconds elapsed) {
  const long long seconds = elapsed.count();
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return std::to_string(seconds) + "s";
  const long long minutes = seconds / 60;
  if (minutes < 10) {
    const long long rest = seconds % 60;
    return std::to_string(minutes) + "m" + (rest == 0 ? "" : std::to_string(rest) + "s");
  }
  if (minutes < 60 * 3) return std::to_string(minutes) + "m";
  const long long hours = minutes / 60;
  if (hours < 8) {
    const long long rest = minutes % 60;
    return std::to_string(hours) + "h" + (rest == 0 ? "" : std::to_string(rest) + "m");
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    const long long rest = hours % 24;
    return std::to_string(hours / 24) + "d" + (rest == 0 ? "" : std::to_string(rest) + "h");
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const long long days = (hours / 24) % 365;
    return std::to_string(hours / 24 / 365) + "y" + (days == 0 ? "" : std::to_string(days) + "d");
  }
  return std::to_string(hours / 24 / 365) + "y";
}

boost::json::object render_table(const ResourceType& type, const std::vector<boost::json::object>& objects,
                                 const std::string& resource_version, const TableOptions& options) {
  boost::json::object table{{"kind", "Table"},
                            {"apiVersion", "meta.k8s.io/v1"},
                            {"metadata", {{"resourceVersion", resource_version}}}};
  if (options.column_definitions) {
    boost::json::array columns;
    columns.push_back(column_definition("Name", "string", "name", kNameDescription, 0));
    for (const auto& column : type.printer_columns) {
      columns.push_back(
          column_definition(column.name, column.type, column.format, column.description, column.priority));
    }
    table["columnDefinitions"] = std::move(columns);
  } else {
    table["columnDefinitions"] = nullptr;
  }
  boost::json::array rows;
  for (const auto& object : objects) {
    boost::json::array cells{boost::json::value(metadata_field(object, "name"))};
    for (const auto& column : type.printer_columns) cells.push_back(cell(column, object, options.now));
    boost::json::object row{{"cells", std::move(cells)}};
    if (options.include != TableObjects::none) row["object"] = row_object(object, options.include);
    rows.push_back(std::move(row));
  }
  table["rows"] = std::move(rows);
  return table;
}

}  // namespace ckpt::kubeapi
