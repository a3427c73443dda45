// evaluate(): walks the tree of a parsed condition. Numbers follow IEEE 754 as in Go
// (1/0 is +Inf, NaN compares false with everything); && and || stop early; all, any and
// none stop at the first element that decides them. Every node evaluated is one step.
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/condition.hpp"

namespace ckpt {

using condition_tree::BinaryOperator;
using condition_tree::Function;
using condition_tree::Node;
using condition_tree::NodeKind;

namespace {

struct Value {
  enum class Type : std::uint8_t { number, boolean, list };
  Type type = Type::number;
  double number = 0;
  bool boolean = false;
  std::vector<double> owned;                      // a list made here (filter, map)
  const std::vector<double>* borrowed = nullptr;  // the result's list, not copied

  const std::vector<double>& list() const { return borrowed != nullptr ? *borrowed : owned; }

  static Value of_number(double number) { return Value{Type::number, number, false, {}, nullptr}; }
  static Value of_boolean(bool boolean) { return Value{Type::boolean, 0, boolean, {}, nullptr}; }
  static Value of_list(std::vector<double> list) { return Value{Type::list, 0, false, std::move(list), nullptr}; }
  static Value of_result_list(const std::vector<double>& list) { return Value{Type::list, 0, false, {}, &list}; }
};

constexpr std::string_view kNumber = "a number";
constexpr std::string_view kBoolean = "true or false";
constexpr std::string_view kList = "a list of numbers";

std::string format_number(double number) {
  if (std::isnan(number)) return "NaN";
  if (std::isinf(number)) return number > 0 ? "+Inf" : "-Inf";
  std::array<char, 64> buffer{};
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  return std::string(buffer.data(), written.ptr);
}

std::string describe(const Value& value) {
  switch (value.type) {
    case Value::Type::number:
      return "a number (" + format_number(value.number) + ")";
    case Value::Type::boolean:
      return value.boolean ? "a bool (true)" : "a bool (false)";
    case Value::Type::list:
      if (value.list().empty()) return "an empty list";
      return "a list of " + std::to_string(value.list().size()) + (value.list().size() == 1 ? " number" : " numbers");
  }
  return "a value";
}

class Evaluator {
 public:
  Evaluator(const Condition& condition, const ResultValue& result) : condition_(condition), result_(result) {}

  Result<bool> run() {
    const auto& tree = condition_.tree();
    if (tree.nodes.empty() || tree.root >= tree.nodes.size()) {
      return make_error(ErrorCode::internal, "the condition was not parsed");
    }
    const auto value = eval(tree.root, nullptr);
    if (!value) return std::move(*error_);
    if (value->type != Value::Type::boolean) {
      fail(tree.nodes[tree.root], "the condition must come out true or false, got " + describe(*value));
      return std::move(*error_);
    }
    return value->boolean;
  }

 private:
  std::nullopt_t fail(const Node& at, const std::string& message) {
    if (!error_) {
      error_ = make_error(ErrorCode::bad_request,
                          condition_tree::position_of(condition_.text(), at.offset) + ": " + message);
    }
    return std::nullopt;
  }

  // How messages name the node's construct: "'<'", "'and'", "len".
  std::string name_of(const Node& node) const {
    if (node.kind == NodeKind::call) return std::string(condition_tree::function_info(node.function).name);
    return "'" + condition_.text().substr(node.offset, node.length) + "'";
  }

  std::optional<Value> operand(const Node& node, std::size_t which, const double* element) {
    return eval(node.operands[which], element);
  }

  // The operand `which` of `node`, which must be of `type`; else an error like
  // "'<' expects a number on its left, got a list of 2 numbers".
  std::optional<Value> typed_operand(const Node& node, std::size_t which, const double* element, Value::Type type,
                                     std::string_view where = {}) {
    auto value = operand(node, which, element);
    if (!value) return std::nullopt;
    if (value->type == type) return value;
    const std::string_view expected = type == Value::Type::number    ? kNumber
                                      : type == Value::Type::boolean ? kBoolean
                                                                     : kList;
    return fail(node,
                name_of(node) + " expects " + std::string(expected) + std::string(where) + ", got " + describe(*value));
  }

  std::optional<Value> eval(std::size_t index, const double* element) {
    if (++steps_ > kMaxEvaluationSteps) {
      return fail(condition_.tree().nodes[index],
                  "the condition took more than " + std::to_string(kMaxEvaluationSteps) + " steps to evaluate");
    }
    const Node& node = condition_.tree().nodes[index];
    switch (node.kind) {
      case NodeKind::number:
        return Value::of_number(node.number);
      case NodeKind::boolean:
        return Value::of_boolean(node.boolean);
      case NodeKind::result:
        if (const auto* number = std::get_if<double>(&result_.value)) return Value::of_number(*number);
        return Value::of_result_list(std::get<std::vector<double>>(result_.value));
      case NodeKind::element:
        if (element == nullptr) return fail(node, "'#' outside a predicate");
        return Value::of_number(*element);
      case NodeKind::negate:
      case NodeKind::plus: {
        const auto value = typed_operand(node, 0, element, Value::Type::number);
        if (!value) return std::nullopt;
        return Value::of_number(node.kind == NodeKind::negate ? -value->number : value->number);
      }
      case NodeKind::logical_not: {
        const auto value = typed_operand(node, 0, element, Value::Type::boolean);
        if (!value) return std::nullopt;
        return Value::of_boolean(!value->boolean);
      }
      case NodeKind::binary:
        return eval_binary(node, element);
      case NodeKind::index:
        return eval_index(node, element);
      case NodeKind::call:
        return eval_call(node, element);
    }
    return fail(node, "unknown node");
  }

  std::optional<Value> eval_binary(const Node& node, const double* element) {
    const BinaryOperator op = node.binary_operator;
    if (op == BinaryOperator::logical_and || op == BinaryOperator::logical_or) {
      const auto left = typed_operand(node, 0, element, Value::Type::boolean, " on its left");
      if (!left) return std::nullopt;
      if (left->boolean == (op == BinaryOperator::logical_or)) return left;
      return typed_operand(node, 1, element, Value::Type::boolean, " on its right");
    }
    if (op == BinaryOperator::equal || op == BinaryOperator::not_equal) {
      const auto left = operand(node, 0, element);
      if (!left) return std::nullopt;
      const auto right = operand(node, 1, element);
      if (!right) return std::nullopt;
      if (left->type != right->type || left->type == Value::Type::list) {
        return fail(node, name_of(node) + " compares two numbers or two bools, got " + describe(*left) + " and " +
                              describe(*right));
      }
      const bool same =
          left->type == Value::Type::number ? left->number == right->number : left->boolean == right->boolean;
      return Value::of_boolean(op == BinaryOperator::equal ? same : !same);
    }
    const auto left = typed_operand(node, 0, element, Value::Type::number, " on its left");
    if (!left) return std::nullopt;
    const auto right = typed_operand(node, 1, element, Value::Type::number, " on its right");
    if (!right) return std::nullopt;
    const double a = left->number;
    const double b = right->number;
    switch (op) {
      case BinaryOperator::less:
        return Value::of_boolean(a < b);
      case BinaryOperator::less_equal:
        return Value::of_boolean(a <= b);
      case BinaryOperator::greater:
        return Value::of_boolean(a > b);
      case BinaryOperator::greater_equal:
        return Value::of_boolean(a >= b);
      case BinaryOperator::add:
        return Value::of_number(a + b);
      case BinaryOperator::subtract:
        return Value::of_number(a - b);
      case BinaryOperator::multiply:
        return Value::of_number(a * b);
      case BinaryOperator::divide:
        return Value::of_number(a / b);
      default:
        return fail(node, "unknown operator");
    }
  }

  std::optional<Value> eval_index(const Node& node, const double* element) {
    const auto list = operand(node, 0, element);
    if (!list) return std::nullopt;
    if (list->type != Value::Type::list) return fail(node, "only a list can be indexed, got " + describe(*list));
    const auto index = operand(node, 1, element);
    if (!index) return std::nullopt;
    if (index->type != Value::Type::number || !std::isfinite(index->number) ||
        std::trunc(index->number) != index->number) {
      return fail(node, "an index must be a whole number, got " + describe(*index));
    }
    const double size = static_cast<double>(list->list().size());
    // Negative indexes count from the end, as in expr: result[-1] is the last element.
    const double position = index->number < 0 ? size + index->number : index->number;
    if (position < 0 || position >= size) {
      return fail(node, "index " + format_number(index->number) + " is out of range for " + describe(*list));
    }
    return Value::of_number(list->list()[static_cast<std::size_t>(position)]);
  }

  // The numbers of arguments that are numbers or lists, for mean, min and max.
  std::optional<std::vector<double>> flattened_arguments(const Node& node, const double* element) {
    std::vector<double> numbers;
    for (std::size_t i = 0; i < node.operands.size(); ++i) {
      const auto value = operand(node, i, element);
      if (!value) return std::nullopt;
      if (value->type == Value::Type::number) {
        numbers.push_back(value->number);
      } else if (value->type == Value::Type::list) {
        numbers.insert(numbers.end(), value->list().begin(), value->list().end());
      } else {
        return fail(node, name_of(node) + " expects numbers or lists of numbers, got " + describe(*value));
      }
    }
    return numbers;
  }

  std::optional<Value> eval_call(const Node& node, const double* element) {
    switch (node.function) {
      case Function::len: {
        const auto list = typed_operand(node, 0, element, Value::Type::list);
        if (!list) return std::nullopt;
        return Value::of_number(static_cast<double>(list->list().size()));
      }
      case Function::is_nan:
      case Function::is_inf: {
        const auto value = typed_operand(node, 0, element, Value::Type::number);
        if (!value) return std::nullopt;
        return Value::of_boolean(node.function == Function::is_nan ? std::isnan(value->number)
                                                                   : std::isinf(value->number));
      }
      case Function::is_nil: {
        // A result here is never nil: no data is an empty list.
        if (!operand(node, 0, element)) return std::nullopt;
        return Value::of_boolean(false);
      }
      case Function::default_value: {
        // Argo's default(x, fallback) gives the fallback only for a nil result, and a
        // result here is never nil: it gives x.
        auto value = operand(node, 0, element);
        if (!value || !operand(node, 1, element)) return std::nullopt;
        return value;
      }
      case Function::as_int: {
        const auto value = typed_operand(node, 0, element, Value::Type::number);
        if (!value) return std::nullopt;
        if (!std::isfinite(value->number) || std::fabs(value->number) >= 9.2e18) {
          return fail(node,
                      "asInt expects a finite number within the range of a 64-bit integer, got " + describe(*value));
        }
        return Value::of_number(std::trunc(value->number));
      }
      case Function::as_float: {
        return typed_operand(node, 0, element, Value::Type::number);
      }
      case Function::abs: {
        const auto value = typed_operand(node, 0, element, Value::Type::number);
        if (!value) return std::nullopt;
        return Value::of_number(std::fabs(value->number));
      }
      case Function::sum: {
        const auto list = typed_operand(node, 0, element, Value::Type::list);
        if (!list) return std::nullopt;
        double total = 0;
        for (const double number : list->list()) total += number;
        return Value::of_number(total);
      }
      case Function::mean:
      case Function::min:
      case Function::max:
        return eval_aggregate(node, element);
      case Function::all:
      case Function::any:
      case Function::none:
      case Function::one:
      case Function::count:
      case Function::filter:
      case Function::map:
        return eval_predicate_function(node, element);
    }
    return fail(node, "unknown function");
  }

  std::optional<Value> eval_aggregate(const Node& node, const double* element) {
    const auto numbers = flattened_arguments(node, element);
    if (!numbers) return std::nullopt;
    if (node.function == Function::mean) {
      if (numbers->empty()) return Value::of_number(0);  // as in expr
      double total = 0;
      for (const double number : *numbers) total += number;
      return Value::of_number(total / static_cast<double>(numbers->size()));
    }
    if (numbers->empty()) return fail(node, name_of(node) + " of an empty list");
    double best = numbers->front();
    for (const double number : *numbers) {
      if (node.function == Function::min ? number < best : number > best) best = number;
    }
    return Value::of_number(best);
  }

  std::optional<Value> eval_predicate_function(const Node& node, const double* element) {
    const auto list = typed_operand(node, 0, element, Value::Type::list);
    if (!list) return std::nullopt;
    const Function function = node.function;
    std::size_t matches = 0;
    std::vector<double> kept;
    for (const double& item : list->list()) {
      const auto value = eval(node.operands[1], &item);
      if (!value) return std::nullopt;
      if (function == Function::map) {
        if (value->type != Value::Type::number) {
          return fail(node, "map expects its expression to give a number, got " + describe(*value));
        }
        kept.push_back(value->number);
        continue;
      }
      if (value->type != Value::Type::boolean) {
        return fail(node, name_of(node) + " expects its predicate to be true or false, got " + describe(*value));
      }
      if (value->boolean) {
        ++matches;
        if (function == Function::filter) kept.push_back(item);
      }
      if (function == Function::all && !value->boolean) return Value::of_boolean(false);
      if (function == Function::any && value->boolean) return Value::of_boolean(true);
      if (function == Function::none && value->boolean) return Value::of_boolean(false);
    }
    switch (function) {
      case Function::all:
        return Value::of_boolean(true);
      case Function::any:
        return Value::of_boolean(false);
      case Function::none:
        return Value::of_boolean(true);
      case Function::one:
        return Value::of_boolean(matches == 1);
      case Function::count:
        return Value::of_number(static_cast<double>(matches));
      default:
        return Value::of_list(std::move(kept));
    }
  }

  const Condition& condition_;
  const ResultValue& result_;
  std::size_t steps_ = 0;
  std::optional<Error> error_;
};

}  // namespace

Result<bool> evaluate(const Condition& condition, const ResultValue& result) {
  return Evaluator(condition, result).run();
}

}  // namespace ckpt
