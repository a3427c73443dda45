// Reads typed fields out of one JSON object and turns every problem into a message
// that names the field by its full path ("rollback_window.duration", "restore.phases[1].at").
//
// The reader keeps the FIRST problem and carries on returning defaults, so a decoder
// reads all fields in order and checks once at the end (finish()). Every error carries
// the ErrorCode given at construction (bad_request for request bodies, internal for
// stored or received data).
//
// Message forms:
//   missing field 'cluster'
//   field 'cluster' must be a string, got number
//   field 'timeline' must be an integer from 0 to 4294967295
//   unknown field 'rollback_window.foo' in request body        (reject_unknown)
//   field '<path>' <requirement>                               (fail_field)
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::codec {

// "null", "boolean", "number", "string", "array" or "object".
std::string_view json_kind_name(const boost::json::value& value);

enum class Presence { required, optional };

class FieldReader {
 public:
  // `path` is the object's own path ("" at the top level).
  FieldReader(const boost::json::object& object, std::string path, ErrorCode code);

  // Records "unknown field '<path>' in request body" for the first key not in `known`.
  void reject_unknown(std::initializer_list<std::string_view> known);

  std::string required_string(std::string_view key);
  std::string optional_string(std::string_view key);  // "" when absent
  // The string, or nullopt when absent.
  std::optional<std::string> string_if_present(std::string_view key);
  bool required_bool(std::string_view key);
  bool optional_bool(std::string_view key, bool fallback);
  std::uint64_t required_unsigned(std::string_view key, std::uint64_t max);
  // The integer from 0 to `max`, or nullopt when absent (or invalid, recorded).
  std::optional<std::uint64_t> optional_unsigned(std::string_view key, std::uint64_t max);
  // An integer from `min` to `max` (may be negative).
  int required_int(std::string_view key, int min, int max);
  std::optional<double> optional_number(std::string_view key);
  TimePoint required_time(std::string_view key);
  std::optional<TimePoint> optional_time(std::string_view key);
  Lsn required_lsn(std::string_view key);
  Millis required_duration(std::string_view key);
  std::optional<Millis> optional_duration(std::string_view key);
  // The enumerator named by the string at `key` (via `parse`); other names record
  // "field '<path>' must be one of: <allowed>". nullopt when absent or invalid.
  template <typename Enum>
  std::optional<Enum> enum_field(std::string_view key, Presence presence,
                                 std::optional<Enum> (*parse)(std::string_view), std::string_view allowed) {
    const auto text = presence == Presence::required ? std::optional<std::string>{required_string(key)}
                                                     : string_if_present(key);
    if (!text || !ok()) return std::nullopt;
    const auto parsed = parse(*text);
    if (!parsed) fail_field(key, "must be one of: " + std::string{allowed});
    return parsed;
  }
  // The nested object or array, or nullptr when absent (or of the wrong kind, recorded).
  const boost::json::object* object_field(std::string_view key, Presence presence);
  const boost::json::array* required_array(std::string_view key);
  const boost::json::array* array_field(std::string_view key, Presence presence);
  // The items of the array at `key`, each an object decoded by
  // `decode(const boost::json::object&, std::string item_path) -> Result<T>` (the first
  // bad item is recorded); empty when absent or invalid.
  template <typename T, typename Decode>
  std::vector<T> object_items(std::string_view key, Presence presence, Decode decode) {
    std::vector<T> items;
    const boost::json::array* array = array_field(key, presence);
    if (array == nullptr) return items;
    for (std::size_t i = 0; i < array->size() && ok(); ++i) {
      const std::string item_path = item_path_of(key, i);
      if (const auto* object = item_object((*array)[i], item_path)) {
        if (auto item = take(decode(*object, item_path))) items.push_back(std::move(*item));
      }
    }
    return items;
  }
  // The items of the array at `key`, each a string; empty when absent or invalid.
  std::vector<std::string> string_items(std::string_view key, Presence presence);
  // "<path of key>[<index>]".
  std::string item_path_of(std::string_view key, std::size_t index) const;

  // Records "missing field '<path of key>'".
  void fail_missing(std::string_view key);
  // Records "field '<path of key>' <requirement>".
  void fail_field(std::string_view key, std::string_view requirement);
  // Records `error` unless a problem is already recorded.
  void fail(Error error);
  // Records the error of `nested` (a decoder of a sub-object) and returns its value.
  template <typename T>
  std::optional<T> take(Result<T> nested) {
    if (nested.ok()) return std::move(nested).value();
    fail(std::move(nested).error());
    return std::nullopt;
  }

  std::string path_of(std::string_view key) const;
  ErrorCode code() const { return code_; }
  bool ok() const { return !error_.has_value(); }

  template <typename T>
  Result<T> finish(T value) {
    if (error_) return std::move(*error_);
    return value;
  }

 private:
  // The item as an object, or nullptr with "field '<item_path>' must be an object" recorded.
  const boost::json::object* item_object(const boost::json::value& item, const std::string& item_path);
  // The value at `key` when it has the expected kind; records missing/wrong kind.
  const boost::json::value* find(std::string_view key, Presence presence, boost::json::kind expected,
                                 std::string_view kind_name);

  const boost::json::object& object_;
  std::string path_;
  ErrorCode code_;
  std::optional<Error> error_;
};

}  // namespace ckpt::codec
