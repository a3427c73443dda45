#include "flags/json_text_edit.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ckpt::flags {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n";
constexpr std::string_view kScalarEnd = ",]} \t\r\n";

std::size_t skip_whitespace(std::string_view text, std::size_t at) {
  while (at < text.size() && kWhitespace.find(text[at]) != std::string_view::npos) ++at;
  return at;
}

// `at` is an opening quote; one past the closing quote.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (++at; at < text.size(); ++at) {
    if (text[at] == '\\') {
      ++at;
    } else if (text[at] == '"') {
      return at + 1;
    }
  }
  return text.size();
}

// One past the last byte of the value that starts at `at`.
std::size_t value_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) return text.size();
  if (text[at] == '"') return string_end(text, at);
  if (text[at] != '{' && text[at] != '[') {
    while (at < text.size() && kScalarEnd.find(text[at]) == std::string_view::npos) ++at;
    return at;
  }
  int depth = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '"') {
      at = string_end(text, at);
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return at + 1;
    ++at;
  }
  return text.size();
}

std::optional<std::string> unescaped_key(std::string_view quoted) {
  boost::system::error_code error;
  const auto value = boost::json::parse(quoted, error);
  if (error || !value.is_string()) return std::nullopt;
  return std::string(value.get_string());
}

// The value of the member `name` of the object that starts at `at`.
std::optional<TextSpan> member_value(std::string_view text, std::size_t at, std::string_view name) {
  if (at >= text.size() || text[at] != '{') return std::nullopt;
  std::size_t position = skip_whitespace(text, at + 1);
  while (position < text.size() && text[position] == '"') {
    const std::size_t key_end = string_end(text, position);
    const auto key = unescaped_key(text.substr(position, key_end - position));
    position = skip_whitespace(text, key_end);
    if (position >= text.size() || text[position] != ':') return std::nullopt;
    const std::size_t begin = skip_whitespace(text, position + 1);
    const std::size_t end = value_end(text, begin);
    if (key == name) return TextSpan{begin, end};
    position = skip_whitespace(text, end);
    if (position < text.size() && text[position] == ',') position = skip_whitespace(text, position + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<TextSpan> find_member_value(std::string_view json, const std::vector<std::string>& path) {
  const std::size_t begin = skip_whitespace(json, 0);
  std::optional<TextSpan> span = TextSpan{begin, value_end(json, begin)};
  for (const auto& name : path) {
    span = member_value(json, span->begin, name);
    if (!span) return std::nullopt;
  }
  return span;
}

std::string with_span_replaced(std::string_view json, TextSpan span, std::string_view replacement) {
  std::string edited(json.substr(0, span.begin));
  edited += replacement;
  edited += json.substr(span.end);
  return edited;
}

std::string with_member_appended(std::string_view json, TextSpan object, std::string_view key,
                                 std::string_view value_json) {
  const std::string member = boost::json::serialize(boost::json::value(key)) + ": " + std::string(value_json);
  const std::size_t first = skip_whitespace(json, object.begin + 1);
  if (first >= object.end - 1) return with_span_replaced(json, {object.begin + 1, object.begin + 1}, member);
  const std::string_view indent = json.substr(object.begin + 1, first - object.begin - 1);
  std::size_t last = object.end - 1;
  while (last > first && kWhitespace.find(json[last - 1]) != std::string_view::npos) --last;
  return with_span_replaced(json, {last, last}, "," + std::string(indent) + member);
}

}  // namespace ckpt::flags
