#include "config/yaml_reader.hpp"

#include <charconv>
#include <map>

namespace ckpt::config {
namespace {

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (const auto word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

std::string field_keys(std::initializer_list<Field> fields) {
  std::string out;
  for (const auto& field : fields) {
    if (!out.empty()) out += ", ";
    out += field.key;
  }
  return out;
}

// `message` with control characters written as escapes ("\n", "\x1b"): keys and values
// are quoted from the file, and one problem must stay one line (and not drive a terminal).
std::string one_line(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20U || byte == 0x7FU) {
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

YamlReader::YamlReader(std::string source_name) : source_name_(std::move(source_name)) {}

std::string YamlReader::child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string YamlReader::item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::string YamlReader::quote(std::string_view path) { return "'" + std::string(path) + "'"; }

std::string YamlReader::describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Null:
      return "an empty value";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

void YamlReader::error_at(const YAML::Node& node, std::string_view message) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    error(message);
    return;
  }
  const int line = node.IsNull() && key_line_ >= 0 ? key_line_ : mark.line;
  errors_.push_back(source_name_ + ":" + std::to_string(line + 1) + ": " + one_line(message));
}

void YamlReader::error(std::string_view message) {
  errors_.push_back(source_name_ + ": " + one_line(message));
}

void YamlReader::type_error(const YAML::Node& node, const std::string& path, std::string_view expectation) {
  error_at(node, quote(path) + " must be " + std::string(expectation) + ", got " + describe(node));
}

bool YamlReader::read_map(const YAML::Node& node, const std::string& path,
                          std::initializer_list<Field> fields) {
  if (!node.IsMap()) {
    type_error(node, path, "a map of keys (" + field_keys(fields) + ")");
    return false;
  }
  std::map<std::string, int, std::less<>> first_line_of_key;
  for (const auto& entry : node) {
    const YAML::Node& key_node = entry.first;
    if (!key_node.IsScalar()) {
      error_at(key_node, "keys of " + (path.empty() ? std::string("the top level") : quote(path)) +
                             " must be plain names, got " + describe(key_node));
      continue;
    }
    const std::string& key = key_node.Scalar();
    const std::string key_path = child_path(path, key);
    const auto [seen, inserted] = first_line_of_key.emplace(key, key_node.Mark().line + 1);
    if (!inserted) {
      error_at(key_node, "duplicate key " + quote(key_path) + " (first given at line " +
                             std::to_string(seen->second) + ")");
      continue;
    }
    const Field* field = nullptr;
    for (const auto& candidate : fields) {
      if (candidate.key == key) field = &candidate;
    }
    if (field == nullptr) {
      error_at(key_node, "unknown key " + quote(key_path) + " (known keys: " + field_keys(fields) + ")");
      continue;
    }
    const int enclosing_key_line = key_line_;
    key_line_ = key_node.Mark().line;
    field->read(entry.second, key_path);
    key_line_ = enclosing_key_line;
  }
  for (const auto& field : fields) {
    if (field.is_required && !first_line_of_key.contains(field.key)) {
      error_at(node, quote(child_path(path, field.key)) + " is required");
    }
  }
  return true;
}

bool YamlReader::read_string(const YAML::Node& node, const std::string& path, std::string& out) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    type_error(node, path, "a non-empty string");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool YamlReader::read_text(const YAML::Node& node, const std::string& path, std::string& out) {
  if (!node.IsScalar()) {
    type_error(node, path, "a string (\"\" for none)");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool YamlReader::read_absolute_path_or_empty(const YAML::Node& node, const std::string& path,
                                             std::filesystem::path& out) {
  if (!node.IsScalar() || (!node.Scalar().empty() && node.Scalar().front() != '/')) {
    type_error(node, path, "an absolute path (starting with '/') or \"\" for none");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool YamlReader::read_absolute_path(const YAML::Node& node, const std::string& path,
                                    std::filesystem::path& out) {
  if (!node.IsScalar() || node.Scalar().empty() || node.Scalar().front() != '/') {
    type_error(node, path, "an absolute path (starting with '/')");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool YamlReader::read_bool(const YAML::Node& node, const std::string& path, bool& out) {
  if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
    out = node.Scalar() == "true";
    return true;
  }
  type_error(node, path, "true or false");
  return false;
}

bool YamlReader::read_duration(const YAML::Node& node, const std::string& path, DurationRule rule,
                               Millis& out) {
  const auto parsed = node.IsScalar() ? parse_duration(node.Scalar()) : std::nullopt;
  if (!parsed) {
    type_error(node, path, "a duration such as 30m or 90s");
    return false;
  }
  if (rule == DurationRule::positive && parsed->count() == 0) {
    type_error(node, path, "a duration longer than zero such as 30m or 90s");
    return false;
  }
  out = *parsed;
  return true;
}

bool YamlReader::read_choice(const YAML::Node& node, const std::string& path,
                             const std::vector<std::string_view>& choices, std::string& out) {
  if (node.IsScalar()) {
    for (const auto candidate : choices) {
      if (node.Scalar() == candidate) {
        out = candidate;
        return true;
      }
    }
  }
  type_error(node, path, "one of: " + join(choices));
  return false;
}

bool YamlReader::read_file_mode(const YAML::Node& node, const std::string& path, unsigned& out) {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  unsigned mode = 0;
  const bool octal_digits = text.size() >= 3 && text.size() <= 4 &&
                            text.find_first_not_of("01234567") == std::string::npos;
  if (octal_digits) {
    std::from_chars(text.data(), text.data() + text.size(), mode, 8);
  }
  if (!octal_digits || mode > 0777) {
    type_error(node, path, "an octal file mode such as \"0660\"");
    return false;
  }
  out = mode;
  return true;
}

bool YamlReader::read_unsigned(const YAML::Node& node, const std::string& path, std::uint64_t min,
                               std::uint64_t max, std::uint64_t& out) {
  std::uint64_t value = 0;
  bool valid = node.IsScalar() && !node.Scalar().empty();
  if (valid) {
    const std::string& text = node.Scalar();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    valid = ec == std::errc{} && end == text.data() + text.size() && value >= min && value <= max;
  }
  if (!valid) {
    type_error(node, path, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  out = value;
  return true;
}

Field YamlReader::string(std::string_view key, std::string& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) { read_string(node, path, out); }};
}

Field YamlReader::text(std::string_view key, std::string& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) { read_text(node, path, out); }};
}

Field YamlReader::absolute_path_or_empty(std::string_view key, std::filesystem::path& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) {
                 read_absolute_path_or_empty(node, path, out);
               }};
}

Field YamlReader::absolute_path(std::string_view key, std::filesystem::path& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) {
                 read_absolute_path(node, path, out);
               }};
}

Field YamlReader::boolean(std::string_view key, bool& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) { read_bool(node, path, out); }};
}

Field YamlReader::duration(std::string_view key, DurationRule rule, Millis& out) {
  return Field{key, [this, rule, &out](const YAML::Node& node, const std::string& path) {
                 read_duration(node, path, rule, out);
               }};
}

Field YamlReader::choice(std::string_view key, std::vector<std::string_view> choices, std::string& out) {
  return Field{key, [this, choices = std::move(choices), &out](const YAML::Node& node, const std::string& path) {
                 read_choice(node, path, choices, out);
               }};
}

Field YamlReader::file_mode(std::string_view key, unsigned& out) {
  return Field{key, [this, &out](const YAML::Node& node, const std::string& path) {
                 read_file_mode(node, path, out);
               }};
}

bool YamlReader::read_string_map(const YAML::Node& node, const std::string& path,
                                 std::map<std::string, std::string>& out) {
  if (!node.IsMap()) {
    type_error(node, path, "a map of names to text values");
    return false;
  }
  std::map<std::string, std::string> values;
  bool valid = true;
  for (const auto& entry : node) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string{};
    std::string value;
    if (!read_string(entry.second, child_path(path, name), value)) {
      valid = false;
      continue;
    }
    values[name] = std::move(value);
  }
  if (valid) out = std::move(values);
  return valid;
}

}  // namespace ckpt::config
