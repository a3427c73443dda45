#include "support/yaml_json.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>
#include <stdexcept>
#include <string_view>

namespace ckpt::test {
namespace {

std::string without(std::string text, std::string_view characters) {
  std::erase_if(text, [&](char c) { return characters.find(c) != std::string_view::npos; });
  return text;
}

boost::json::value resolve_plain(const std::string& text) {
  static const std::regex null_words{"~|null|Null|NULL|"};
  static const std::regex true_words{"true|True|TRUE|yes|Yes|YES|y|Y|on|On|ON"};
  static const std::regex false_words{"false|False|FALSE|no|No|NO|n|N|off|Off|OFF"};
  static const std::regex decimal{"[-+]?(0|[1-9][0-9_]*)"};  // a leading 0 is octal
  static const std::regex hexadecimal{"[-+]?0x[0-9a-fA-F_]+"};
  static const std::regex octal{"[-+]?0o?[0-7_]+"};
  static const std::regex other_integer{"[-+]?(0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+)"};
  static const std::regex floating{"[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"};
  static const std::regex special_float{"[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"};
  if (std::regex_match(text, null_words)) return nullptr;
  if (std::regex_match(text, true_words)) return true;
  if (std::regex_match(text, false_words)) return false;
  if (std::regex_match(text, decimal)) {
    try {
      return std::stoll(without(text, "_"));
    } catch (const std::out_of_range&) {
      return std::stoull(without(text, "_"));  // beyond int64: uint64 (or out_of_range again)
    }
  }
  if (std::regex_match(text, hexadecimal)) return std::stoll(without(text, "_"), nullptr, 16);
  if (std::regex_match(text, octal)) return std::stoll(without(text, "_o"), nullptr, 8);
  if (std::regex_match(text, other_integer)) {
    throw std::runtime_error("plain scalar '" + text + "' is a YAML 1.1 integer in a form these tests do not expect");
  }
  if (std::regex_match(text, floating)) return std::stod(text);
  if (std::regex_match(text, special_float)) {
    throw std::runtime_error("plain scalar '" + text + "' is a special float these tests do not expect");
  }
  return boost::json::string{text};
}

boost::json::value convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return node.Tag() == "?" ? resolve_plain(node.Scalar()) : boost::json::value(boost::json::string(node.Scalar()));
    case YAML::NodeType::Sequence: {
      boost::json::array array;
      for (const auto& element : node) array.push_back(convert(element));
      return array;
    }
    case YAML::NodeType::Map: {
      boost::json::object object;
      for (const auto& field : node) object[field.first.as<std::string>()] = convert(field.second);
      return object;
    }
  }
  return nullptr;
}

}  // namespace

boost::json::value yaml_to_json(const std::string& text) {
  return convert(YAML::Load(text));
}

boost::json::value yaml_to_json(const YAML::Node& node) {
  return convert(node);
}

boost::json::value yaml_file_to_json(const std::filesystem::path& path) {
  return convert(YAML::LoadFile(path.string()));
}

}  // namespace ckpt::test
