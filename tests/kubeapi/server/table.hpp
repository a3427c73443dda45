// meta.k8s.io/v1 Table rendering (what `kubectl get` asks for with
// "Accept: application/json;as=Table;v=v1;g=meta.k8s.io"): a Name column, then the type's
// printer columns evaluated with json_path.hpp (or computed, for built-in types). Cells
// follow the API server: date columns become ages ("5m", "3h12m", "<invalid>"),
// integer/number/boolean columns typed values, string columns text, absent values null.
// Rows carry the object as PartialObjectMetadata (default), the full object, or nothing,
// as ?includeObject= asks.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

enum class TableObjects { none, metadata, object };

struct TableOptions {
  TableObjects include = TableObjects::metadata;
  // False in the events of a watch after the first: kubectl prints the header once.
  bool column_definitions = true;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

boost::json::object render_table(const ResourceType& type, const std::vector<boost::json::object>& objects,
                                 const std::string& resource_version, const TableOptions& options);

// Kubernetes' duration.HumanDuration: "45s", "5m", "2m30s", "3h12m", "2d4h", "1y20d".
std::string human_duration(std::chrono::seconds elapsed);

}  // namespace ckpt::kubeapi
