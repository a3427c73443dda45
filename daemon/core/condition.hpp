// SLO conditions: the small expression language of Argo Rollouts' successCondition and
// failureCondition (expr-lang syntax), so that conditions copied from Argo examples work:
//   result < 0.05            result[0] >= 0.95           isNaN(result) || result >= 0.95
//   len(result) == 0 || result[0] < 1                    all(result, # < 500)
// `result` is the measured value: a number (a probe value, a scalar) or a list of numbers
// (an instant vector, a range). Values are numbers, true/false and lists of numbers; an
// operator or function given the wrong type, an index out of range, or a condition that
// does not end in true/false is an evaluation error that names what was expected.
// Parse and evaluation errors are ErrorCode::bad_request with a message that starts with
// the 1-based column ("column 12: expected ')' after the arguments of len, got end of
// input"; "line 2, column 3: ..." for a condition written over several lines).
// Bounded: at most kMaxConditionLength bytes, kMaxConditionDepth levels of nesting,
// kMaxEvaluationSteps steps. docs/slo.md is the language reference.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/condition_tree.hpp"
#include "core/result.hpp"

namespace ckpt {

inline constexpr std::size_t kMaxConditionLength = 4096;
// Every operator, call, index, predicate and parenthesis is one level.
inline constexpr int kMaxConditionDepth = 64;
inline constexpr std::size_t kMaxEvaluationSteps = 1'000'000;

// A measurement's value as a condition sees it.
struct ResultValue {
  std::variant<double, std::vector<double>> value;

  static ResultValue number(double number) { return ResultValue{number}; }
  static ResultValue list(std::vector<double> numbers) { return ResultValue{std::move(numbers)}; }
  bool is_list() const { return std::holds_alternative<std::vector<double>>(value); }
};

// The value as Argo records it in a measurement: "0.05", "[0.5,1]", "[]", "NaN", "+Inf"
// (shortest decimal that reads back to the same double, no exponent).
std::string to_string(const ResultValue& result);

// A parsed condition; evaluate it against any number of results.
class Condition {
 public:
  const std::string& text() const { return text_; }
  const condition_tree::Tree& tree() const { return tree_; }

 private:
  friend class ConditionParser;
  Condition(std::string text, condition_tree::Tree tree) : text_(std::move(text)), tree_(std::move(tree)) {}

  std::string text_;
  condition_tree::Tree tree_;
};

Result<Condition> parse_condition(std::string_view text);
Result<bool> evaluate(const Condition& condition, const ResultValue& result);

}  // namespace ckpt
