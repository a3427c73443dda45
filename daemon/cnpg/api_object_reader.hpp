// Reads optional, typed fields out of a Kubernetes object received from the API server
// (a Backup, a Cluster) and turns every malformed field into one message that names the
// object and the field's full path:
//   Backup payments/orders-db-ckpt-a1b2c3d4: status.endLSN must be an LSN like 3A/7E000028, got '3A/ZZ'
//   Cluster payments/orders-db: status.readyInstances must be an integer, got string
// Absent fields read as empty/nullopt: status is filled in by the operator over time.
// The reader keeps the FIRST problem and carries on returning empty values, so a parser
// reads every field in order and checks once (finish()). Errors are engine_error: the
// platform reported something checkpointd cannot use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cnpg {

class ApiObjectReader {
 public:
  // One JSON object inside the API object, with its path ("status", "status.conditions[1]").
  struct Section {
    const boost::json::object* object = nullptr;  // nullptr: absent
    std::string path;
  };

  ApiObjectReader(std::string_view kind, const boost::json::object& api_object);

  // "Backup payments/orders-db-ckpt-a1b2c3d4", from metadata.namespace and metadata.name.
  const std::string& label() const { return label_; }
  const std::string& name() const { return name_; }
  const std::string& namespace_name() const { return namespace_; }

  Section root() const { return {&root_, ""}; }
  Section section(const Section& parent, std::string_view key);
  // Element `index` of an array read with array(); must be an object.
  Section element(const boost::json::array& array, const std::string& array_path, std::size_t index);

  std::string string(const Section& parent, std::string_view key);
  // As string(), and records "<path> is missing" when `parent` exists but the string is absent or empty.
  std::string required_string(const Section& parent, std::string_view key);
  std::optional<std::int64_t> integer(const Section& parent, std::string_view key);
  std::optional<Lsn> lsn(const Section& parent, std::string_view key);
  // RFC 3339 (metav1.Time, seconds precision).
  std::optional<TimePoint> time(const Section& parent, std::string_view key);
  const boost::json::array* array(const Section& parent, std::string_view key);

  static std::string path_of(const Section& parent, std::string_view key);
  // Records "<label>: <path> <problem>" unless a problem is already recorded.
  void fail(const std::string& path, std::string_view problem);
  bool ok() const { return !error_.has_value(); }

  template <typename T>
  Result<T> finish(T value) {
    if (error_) return std::move(*error_);
    return value;
  }

 private:
  const boost::json::value* find(const Section& parent, std::string_view key, boost::json::kind expected,
                                 std::string_view expected_name);

  const boost::json::object& root_;
  std::string name_;
  std::string namespace_;
  std::string label_;
  std::optional<Error> error_;
};

}  // namespace ckpt::cnpg
