// The parsed form of an SLO condition (core/condition.hpp), shared by its parser and its
// evaluator: a flat list of nodes that refer to their operands by index, the root last.
// Every node keeps the byte offset of the token that made it so that an evaluation error
// can name its column. Not an API of its own: build trees with parse_condition().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ckpt::condition_tree {

enum class NodeKind : std::uint8_t {
  number,       // a literal: `number`
  boolean,      // true / false: `boolean`
  result,       // the measured value
  element,      // `#`, the element a predicate is looking at
  negate,       // unary -
  plus,         // unary +
  logical_not,  // ! / not
  binary,       // `binary_operator` over operands[0] and operands[1]
  call,         // `function` over its operands (arguments)
  index,        // operands[0][operands[1]]
};

enum class BinaryOperator : std::uint8_t {
  logical_or,
  logical_and,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  add,
  subtract,
  multiply,
  divide,
};

enum class Function : std::uint8_t {
  len,
  is_nan,
  is_inf,
  is_nil,
  default_value,
  as_int,
  as_float,
  abs,
  sum,
  mean,
  min,
  max,
  all,
  any,
  none,
  one,
  count,
  filter,
  map,
};

struct FunctionInfo {
  std::string_view name;
  Function function;
  int min_arguments;
  int max_arguments;     // -1: any number
  bool takes_predicate;  // the second argument is evaluated once per element, with `#`
};

// The function called `name` in conditions, nullptr when there is none.
const FunctionInfo* find_function(std::string_view name);
const FunctionInfo& function_info(Function function);

struct Node {
  NodeKind kind = NodeKind::number;
  std::size_t offset = 0;  // of the token in the condition's text
  std::size_t length = 0;  // of that token, for messages that quote it ("and" or "&&")
  double number = 0;
  bool boolean = false;
  BinaryOperator binary_operator = BinaryOperator::add;
  Function function = Function::len;
  std::vector<std::size_t> operands;  // indexes into Tree::nodes, all smaller than this node's
};

struct Tree {
  std::vector<Node> nodes;
  std::size_t root = 0;
};

// "column 12" for a one-line text, "line 2, column 3" when the text spans lines
// (1-based, counted in bytes): the prefix of every parse and evaluation error.
std::string position_of(std::string_view text, std::size_t offset);

}  // namespace ckpt::condition_tree
