#include "cnpg/manifest_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string_view>

namespace ckpt::cnpg {
namespace {

// Plain scalars that YAML 1.1 or 1.2 resolves to null or a boolean (compared lower-case).
constexpr std::array<std::string_view, 14> kReservedWords{
    "null", "~", "true", "false", "yes", "no", "y", "n", "on", "off", "<<", "=", "-", "?",
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  std::string lower{text};
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (std::find(kReservedWords.begin(), kReservedWords.end(), lower) != kReservedWords.end()) return true;
  if (is_digit(text[0]) || text[0] == '.') return true;
  const bool has_sign = text[0] == '-' || text[0] == '+';
  return has_sign && text.size() > 1 && (is_digit(text[1]) || text[1] == '.');
}

void emit_string(YAML::Emitter& out, std::string_view text) {
  if (needs_quotes(text)) out << YAML::DoubleQuoted;
  out << std::string{text};
}

// Shortest text that reads back as the same double, always marked as a float.
std::string format_double(double number) {
  if (std::isnan(number)) return ".nan";
  if (std::isinf(number)) return number > 0 ? ".inf" : "-.inf";
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  std::string text{buffer.data(), end};
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

void emit(YAML::Emitter& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out << YAML::Null; break;
    case boost::json::kind::bool_: out << (value.get_bool() ? "true" : "false"); break;
    case boost::json::kind::int64: out << value.get_int64(); break;
    case boost::json::kind::uint64: out << value.get_uint64(); break;
    case boost::json::kind::double_: out << format_double(value.get_double()); break;
    case boost::json::kind::string: emit_string(out, value.get_string()); break;
    case boost::json::kind::array:
      if (value.get_array().empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& element : value.get_array()) emit(out, element);
      out << YAML::EndSeq;
      break;
    case boost::json::kind::object:
      if (value.get_object().empty()) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& field : value.get_object()) {
        out << YAML::Key;
        emit_string(out, field.key());
        out << YAML::Value;
        emit(out, field.value());
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string to_yaml(const boost::json::value& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetMapFormat(YAML::Block);
  out.SetSeqFormat(YAML::Block);
  emit(out, value);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace ckpt::cnpg
