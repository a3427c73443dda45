// Strict reading of a parsed YAML document into plain structs. Every problem is
// collected (not only the first) as one line "<source>:<line>: <message>" that names
// the full key path ('clusters[0].local.port'), what was expected and what was found.
// Control characters quoted from the file are written as escapes ("\n", "\x1b").
// Guarantees: an unknown or duplicate key, a missing required key and a value of the
// wrong type or range are each reported; a target is only written when its value is
// valid, so defaults stay in place otherwise.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/duration.hpp"

namespace ckpt::config {

// One key of a map: how to read its value, and whether the key must be present.
struct Field {
  std::string_view key;
  std::function<void(const YAML::Node& value, const std::string& path)> read;
  bool is_required = false;

  Field required() && {
    is_required = true;
    return std::move(*this);
  }
};

enum class DurationRule { zero_allowed, positive };

class YamlReader {
 public:
  explicit YamlReader(std::string source_name);

  // "a.b" / "a[0]": the path of a map key or a sequence item below `path`.
  static std::string child_path(const std::string& path, std::string_view key);
  static std::string item_path(const std::string& path, std::size_t index);
  // A path as messages show it: 'clusters[0].name'.
  static std::string quote(std::string_view path);

  // Reads `node` as a map whose keys must all be listed in `fields` (each at most once)
  // and which must hold every required field. False if `node` is not a map.
  bool read_map(const YAML::Node& node, const std::string& path, std::initializer_list<Field> fields);

  // Scalar readers: true and `out` written when the value is valid, else one error.
  bool read_string(const YAML::Node& node, const std::string& path, std::string& out);
  // A string that may be empty (written ""), for keys whose empty value means "the default".
  bool read_text(const YAML::Node& node, const std::string& path, std::string& out);
  bool read_absolute_path(const YAML::Node& node, const std::string& path, std::filesystem::path& out);
  // An absolute path or "" (none).
  bool read_absolute_path_or_empty(const YAML::Node& node, const std::string& path, std::filesystem::path& out);
  bool read_bool(const YAML::Node& node, const std::string& path, bool& out);
  // A map of names to strings (e.g. HTTP headers); `out` is written only when all are valid.
  bool read_string_map(const YAML::Node& node, const std::string& path, std::map<std::string, std::string>& out);
  bool read_duration(const YAML::Node& node, const std::string& path, DurationRule rule, Millis& out);
  bool read_choice(const YAML::Node& node, const std::string& path,
                   const std::vector<std::string_view>& choices, std::string& out);
  // Permission bits written in octal, e.g. "0660" (3 or 4 digits, at most 0777).
  bool read_file_mode(const YAML::Node& node, const std::string& path, unsigned& out);
  template <typename Unsigned>
  bool read_integer(const YAML::Node& node, const std::string& path, Unsigned min, Unsigned max,
                    Unsigned& out) {
    std::uint64_t value = 0;
    if (!read_unsigned(node, path, min, max, value)) return false;
    out = static_cast<Unsigned>(value);
    return true;
  }

  // Field factories for the common cases.
  Field string(std::string_view key, std::string& out);
  Field text(std::string_view key, std::string& out);
  Field absolute_path(std::string_view key, std::filesystem::path& out);
  Field absolute_path_or_empty(std::string_view key, std::filesystem::path& out);
  Field boolean(std::string_view key, bool& out);
  Field duration(std::string_view key, DurationRule rule, Millis& out);
  Field choice(std::string_view key, std::vector<std::string_view> choices, std::string& out);
  Field file_mode(std::string_view key, unsigned& out);
  template <typename Unsigned>
  Field integer(std::string_view key, Unsigned min, Unsigned max, Unsigned& out) {
    return Field{key, [this, min, max, &out](const YAML::Node& node, const std::string& path) {
                   read_integer(node, path, min, max, out);
                 }};
  }

  // "'<path>' must be <expectation>, got <what the node holds>" at the node's line.
  void type_error(const YAML::Node& node, const std::string& path, std::string_view expectation);
  // An error at the node's line ("<source>:<line>: <message>"); for an empty value,
  // which yaml-cpp places where the next token starts, the line of its key.
  void error_at(const YAML::Node& node, std::string_view message);
  // An error about the document as a whole ("<source>: <message>").
  void error(std::string_view message);

  // How a value reads in a message: 'text', an empty value, a map, a sequence.
  static std::string describe(const YAML::Node& node);

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  bool read_unsigned(const YAML::Node& node, const std::string& path, std::uint64_t min,
                     std::uint64_t max, std::uint64_t& out);

  std::string source_name_;
  std::vector<std::string> errors_;
  int key_line_ = -1;  // 0-based line of the key whose value read_map is reading
};

}  // namespace ckpt::config
