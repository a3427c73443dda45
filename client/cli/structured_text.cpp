#include "cli/structured_text.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <cstdlib>

namespace ckpt::cli {
namespace {

namespace json = boost::json;

void write_json(std::string& out, const json::value& value, std::size_t depth) {
  const std::string indent(2 * (depth + 1), ' ');
  const std::string closing_indent(2 * depth, ' ');
  if (const auto* object = value.if_object(); object != nullptr && !object->empty()) {
    out += "{\n";
    std::size_t index = 0;
    for (const auto& member : *object) {
      out += indent + json::serialize(json::string{member.key()}) + ": ";
      write_json(out, member.value(), depth + 1);
      out += ++index < object->size() ? ",\n" : "\n";
    }
    out += closing_indent + "}";
  } else if (const auto* array = value.if_array(); array != nullptr && !array->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < array->size(); ++i) {
      out += indent;
      write_json(out, (*array)[i], depth + 1);
      out += i + 1 < array->size() ? ",\n" : "\n";
    }
    out += closing_indent + "]";
  } else {
    out += json::serialize(value);
  }
}

constexpr std::array kYamlBooleans{"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                   "true", "True", "TRUE", "false", "False", "FALSE",
                                   "on", "On", "ON", "off", "Off", "OFF"};

bool looks_like_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  if (end == text.c_str() + text.size()) return true;
  const std::string_view rest = text.front() == '-' || text.front() == '+' ? std::string_view{text}.substr(1) : text;
  return rest.starts_with("0o") || rest == ".inf" || rest == ".Inf" || rest == ".INF" || text == ".nan" ||
         text == ".NaN" || text == ".NAN";
}

// "2026-11-21...": YAML 1.1 readers resolve it to a timestamp.
bool looks_like_date(const std::string& text) {
  if (text.size() < 5 || text[4] != '-') return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  return true;
}

bool needs_quotes(const std::string& text) {
  for (const char* word : kYamlBooleans) {
    if (text == word) return true;
  }
  return looks_like_number(text) || looks_like_date(text);
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (text.find('\n') != std::string::npos) {
    out << YAML::Literal << text;
  } else if (needs_quotes(text)) {
    out << YAML::DoubleQuoted << text;
  } else {
    out << text;
  }
}

void emit_yaml(YAML::Emitter& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::object:
      out << YAML::BeginMap;
      for (const auto& member : value.get_object()) {
        out << YAML::Key;
        emit_string(out, std::string{member.key()});
        out << YAML::Value;
        emit_yaml(out, member.value());
      }
      out << YAML::EndMap;
      break;
    case json::kind::array:
      out << YAML::BeginSeq;
      for (const auto& element : value.get_array()) emit_yaml(out, element);
      out << YAML::EndSeq;
      break;
    case json::kind::string:
      emit_string(out, std::string{value.get_string()});
      break;
    case json::kind::int64:
      out << value.get_int64();
      break;
    case json::kind::uint64:
      out << value.get_uint64();
      break;
    case json::kind::double_:
      out << value.get_double();
      break;
    case json::kind::bool_:
      out << value.get_bool();
      break;
    case json::kind::null:
      out << YAML::Null;
      break;
  }
}

}  // namespace

std::string pretty_json(const json::value& value) {
  std::string out;
  write_json(out, value, 0);
  return out + '\n';
}

std::string yaml_from_json(const json::value& value) {
  YAML::Emitter out;
  emit_yaml(out, value);
  return std::string{out.c_str()} + '\n';
}

}  // namespace ckpt::cli
