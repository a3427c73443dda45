#include "core/condition.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace ckpt {
namespace condition_tree {
namespace {

constexpr std::array kFunctions{
    FunctionInfo{"len", Function::len, 1, 1, false},
    FunctionInfo{"isNaN", Function::is_nan, 1, 1, false},
    FunctionInfo{"isInf", Function::is_inf, 1, 1, false},
    FunctionInfo{"isNil", Function::is_nil, 1, 1, false},
    FunctionInfo{"default", Function::default_value, 2, 2, false},
    FunctionInfo{"asInt", Function::as_int, 1, 1, false},
    FunctionInfo{"asFloat", Function::as_float, 1, 1, false},
    FunctionInfo{"abs", Function::abs, 1, 1, false},
    FunctionInfo{"sum", Function::sum, 1, 1, false},
    FunctionInfo{"mean", Function::mean, 1, -1, false},
    FunctionInfo{"min", Function::min, 1, -1, false},
    FunctionInfo{"max", Function::max, 1, -1, false},
    FunctionInfo{"all", Function::all, 2, 2, true},
    FunctionInfo{"any", Function::any, 2, 2, true},
    FunctionInfo{"none", Function::none, 2, 2, true},
    FunctionInfo{"one", Function::one, 2, 2, true},
    FunctionInfo{"count", Function::count, 2, 2, true},
    FunctionInfo{"filter", Function::filter, 2, 2, true},
    FunctionInfo{"map", Function::map, 2, 2, true},
};

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const FunctionInfo& function_info(Function function) {
  for (const auto& info : kFunctions) {
    if (info.function == function) return info;
  }
  return kFunctions.front();  // unreachable: every Function is in the table
}

std::string position_of(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  if (text.find('\n') == std::string_view::npos) return "column " + std::to_string(column);
  std::size_t line = 1;
  for (const char c : before) line += c == '\n' ? 1 : 0;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace condition_tree

namespace {

void append_number(std::string& out, double number) {
  if (std::isnan(number)) {
    out += "NaN";
    return;
  }
  if (std::isinf(number)) {
    out += number > 0 ? "+Inf" : "-Inf";
    return;
  }
  std::array<char, 400> buffer{};  // enough for the longest fixed form of a double
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number, std::chars_format::fixed);
  out.append(buffer.data(), written.ptr);
}

}  // namespace

std::string to_string(const ResultValue& result) {
  std::string out;
  if (const auto* number = std::get_if<double>(&result.value)) {
    append_number(out, *number);
    return out;
  }
  out.push_back('[');
  bool first = true;
  for (const double number : std::get<std::vector<double>>(result.value)) {
    if (!first) out.push_back(',');
    first = false;
    append_number(out, number);
  }
  out.push_back(']');
  return out;
}

}  // namespace ckpt
