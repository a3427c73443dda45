// parse_condition(): a precedence-climbing parser with expr-lang's precedences and
// associativity (|| 10, && 15, comparisons 20, + - 30, * / 60; unary ! 50, unary - + 90;
// all binary operators left-associative; a < b < c means a < b && b < c).
#include <algorithm>
#include <optional>
#include <utility>

#include "core/condition.hpp"
#include "core/condition_lexer.hpp"

namespace ckpt {

using condition_lexer::Token;
using condition_lexer::TokenKind;
using condition_tree::BinaryOperator;
using condition_tree::FunctionInfo;
using condition_tree::Node;
using condition_tree::NodeKind;

namespace {

struct BinaryInfo {
  BinaryOperator op;
  int precedence;
};

constexpr int kNotPrecedence = 50;
constexpr int kSignPrecedence = 90;

std::optional<BinaryInfo> binary_info(TokenKind kind) {
  switch (kind) {
    case TokenKind::or_or:
      return BinaryInfo{BinaryOperator::logical_or, 10};
    case TokenKind::and_and:
      return BinaryInfo{BinaryOperator::logical_and, 15};
    case TokenKind::equal_equal:
      return BinaryInfo{BinaryOperator::equal, 20};
    case TokenKind::bang_equal:
      return BinaryInfo{BinaryOperator::not_equal, 20};
    case TokenKind::less:
      return BinaryInfo{BinaryOperator::less, 20};
    case TokenKind::less_equal:
      return BinaryInfo{BinaryOperator::less_equal, 20};
    case TokenKind::greater:
      return BinaryInfo{BinaryOperator::greater, 20};
    case TokenKind::greater_equal:
      return BinaryInfo{BinaryOperator::greater_equal, 20};
    case TokenKind::plus:
      return BinaryInfo{BinaryOperator::add, 30};
    case TokenKind::minus:
      return BinaryInfo{BinaryOperator::subtract, 30};
    case TokenKind::star:
      return BinaryInfo{BinaryOperator::multiply, 60};
    case TokenKind::slash:
      return BinaryInfo{BinaryOperator::divide, 60};
    default:
      return std::nullopt;
  }
}

// <, <=, >, >= chain like in expr; == and != do not.
bool is_ordering(TokenKind kind) {
  return kind == TokenKind::less || kind == TokenKind::less_equal || kind == TokenKind::greater ||
         kind == TokenKind::greater_equal;
}

std::string arguments_word(int count) {
  return count == 1 ? " argument" : " arguments";
}

}  // namespace

class ConditionParser {
 public:
  static Result<Condition> parse(std::string_view text) {
    if (text.size() > kMaxConditionLength) {
      return make_error(ErrorCode::bad_request, condition_tree::position_of(text, kMaxConditionLength) +
                                                    ": the condition is longer than " +
                                                    std::to_string(kMaxConditionLength) + " characters");
    }
    auto tokens = condition_lexer::tokenize(text);
    if (!tokens) return std::move(tokens).error();
    ConditionParser parser(text, std::move(*tokens));
    if (parser.current().kind == TokenKind::end) {
      return make_error(ErrorCode::bad_request, condition_tree::position_of(text, 0) + ": the condition is empty");
    }
    const auto root = parser.parse_expression(0);
    if (root && parser.current().kind != TokenKind::end) {
      parser.fail(parser.current().offset,
                  "expected an operator or the end of the condition, got " + describe(parser.current()));
    }
    if (parser.error_) return std::move(*parser.error_);
    if (!root) return make_error(ErrorCode::internal, "the condition parser stopped without a reason");
    parser.tree_.root = *root;
    return Condition(std::string(text), std::move(parser.tree_));
  }

 private:
  // Counts one level of nesting for as long as it lives.
  class Level {
   public:
    explicit Level(ConditionParser& parser) : parser_(parser) {
      if (++parser_.depth_ > kMaxConditionDepth) parser_.fail_too_deep(parser_.current().offset);
    }
    ~Level() { --parser_.depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;
    bool ok() const { return !parser_.error_; }

   private:
    ConditionParser& parser_;
  };

  ConditionParser(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {}

  const Token& current() const { return tokens_[pos_]; }
  void advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }

  void fail(std::size_t offset, const std::string& message) {
    if (!error_)
      error_ = make_error(ErrorCode::bad_request, condition_tree::position_of(text_, offset) + ": " + message);
  }
  void fail_too_deep(std::size_t offset) {
    fail(offset, "the condition is nested more than " + std::to_string(kMaxConditionDepth) + " levels deep");
  }

  std::optional<std::size_t> add(Node node) {
    int height = 1;
    for (const std::size_t operand : node.operands) height = std::max(height, heights_[operand] + 1);
    if (height > kMaxConditionDepth) {
      fail_too_deep(node.offset);
      return std::nullopt;
    }
    tree_.nodes.push_back(std::move(node));
    heights_.push_back(height);
    return tree_.nodes.size() - 1;
  }

  static Node node_at(NodeKind kind, const Token& token) {
    Node node;
    node.kind = kind;
    node.offset = token.offset;
    node.length = token.text.size();
    return node;
  }

  std::optional<std::size_t> add_binary(const Token& token, BinaryOperator op, std::size_t left, std::size_t right) {
    Node node = node_at(NodeKind::binary, token);
    node.binary_operator = op;
    node.operands = {left, right};
    return add(std::move(node));
  }

  std::optional<std::size_t> parse_expression(int min_precedence) {
    const Level level(*this);
    if (!level.ok()) return std::nullopt;
    auto left = parse_primary();
    while (left) {
      const Token op = current();
      const auto info = binary_info(op.kind);
      if (!info || info->precedence < min_precedence) break;
      advance();
      if (is_ordering(op.kind)) {
        left = parse_comparison_chain(*left, op, info->op, info->precedence);
        continue;
      }
      const auto right = parse_expression(info->precedence + 1);
      if (!right) return std::nullopt;
      left = add_binary(op, info->op, *left, *right);
    }
    return left;
  }

  // After `left <op>`: a < b < c is (a < b) && (b < c), b evaluated twice, as in expr.
  std::optional<std::size_t> parse_comparison_chain(std::size_t left, Token op, BinaryOperator binary, int precedence) {
    std::optional<std::size_t> chain;
    while (true) {
      const auto right = parse_expression(precedence + 1);
      if (!right) return std::nullopt;
      auto comparison = add_binary(op, binary, left, *right);
      if (!comparison) return std::nullopt;
      chain = chain ? add_binary(op, BinaryOperator::logical_and, *chain, *comparison) : comparison;
      if (!chain) return std::nullopt;
      left = *right;
      if (!is_ordering(current().kind)) return chain;
      op = current();
      binary = binary_info(op.kind)->op;
      advance();
    }
  }

  std::optional<std::size_t> parse_primary() {
    const Token token = current();
    switch (token.kind) {
      case TokenKind::bang:
      case TokenKind::minus:
      case TokenKind::plus: {
        advance();
        const auto operand = parse_expression(token.kind == TokenKind::bang ? kNotPrecedence : kSignPrecedence);
        if (!operand) return std::nullopt;
        const NodeKind kind = token.kind == TokenKind::bang    ? NodeKind::logical_not
                              : token.kind == TokenKind::minus ? NodeKind::negate
                                                               : NodeKind::plus;
        Node node = node_at(kind, token);
        node.operands = {*operand};
        const auto added = add(std::move(node));
        return added ? parse_postfix(*added) : std::nullopt;
      }
      case TokenKind::left_paren: {
        advance();
        const auto inner = parse_expression(0);
        if (!inner) return std::nullopt;
        if (current().kind != TokenKind::right_paren) {
          fail(current().offset, "expected ')' to close the '(' at " +
                                     condition_tree::position_of(text_, token.offset) + ", got " + describe(current()));
          return std::nullopt;
        }
        advance();
        return parse_postfix(*inner);
      }
      case TokenKind::hash: {
        if (predicate_depth_ == 0) {
          fail(token.offset,
               "'#' is the element a predicate looks at: use it only in the second argument of all, any, none, one, "
               "count, filter or map");
          return std::nullopt;
        }
        advance();
        if (current().kind == TokenKind::identifier && current().offset == token.offset + 1) {
          fail(token.offset, "'#" + std::string(current().text) + "' is not supported: '#' alone is the element");
          return std::nullopt;
        }
        const auto added = add(node_at(NodeKind::element, token));
        return added ? parse_postfix(*added) : std::nullopt;
      }
      case TokenKind::number: {
        advance();
        Node node = node_at(NodeKind::number, token);
        node.number = token.number;
        const auto added = add(std::move(node));
        return added ? parse_postfix(*added) : std::nullopt;
      }
      case TokenKind::identifier:
        return parse_name(token);
      case TokenKind::end:
        fail(token.offset, "expected a value, got end of input");
        return std::nullopt;
      default:
        fail(token.offset,
             "expected a value (a number, true, false, result, a function call or '('), got " + describe(token));
        return std::nullopt;
    }
  }

  std::optional<std::size_t> parse_name(const Token& token) {
    const std::string_view name = token.text;
    std::optional<std::size_t> added;
    if (name == "true" || name == "false") {
      advance();
      Node node = node_at(NodeKind::boolean, token);
      node.boolean = name == "true";
      added = add(std::move(node));
    } else if (name == "result") {
      advance();
      added = add(node_at(NodeKind::result, token));
    } else if (name == "nil") {
      fail(token.offset, "nil is not supported: a result is never nil (no data is an empty list: len(result) == 0)");
    } else if (const FunctionInfo* function = condition_tree::find_function(name)) {
      if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].kind == TokenKind::left_paren) {
        added = parse_call(token, *function);
      } else {
        fail(token.offset, std::string(name) + " is a function: call it as " + std::string(name) + "(...)");
      }
    } else {
      fail(token.offset, "unknown name '" + std::string(name) + "': the measured value is called result");
    }
    return added ? parse_postfix(*added) : std::nullopt;
  }

  std::optional<std::size_t> parse_call(const Token& name, const FunctionInfo& function) {
    advance();  // the name
    advance();  // '('
    Node node = node_at(NodeKind::call, name);
    node.function = function.function;
    if (current().kind != TokenKind::right_paren) {
      while (true) {
        const bool predicate = function.takes_predicate && node.operands.size() == 1;
        const auto argument = predicate ? parse_predicate(function) : parse_expression(0);
        if (!argument) return std::nullopt;
        node.operands.push_back(*argument);
        if (current().kind != TokenKind::comma) break;
        advance();
      }
    }
    if (current().kind != TokenKind::right_paren) {
      fail(current().offset,
           "expected ')' after the arguments of " + std::string(function.name) + ", got " + describe(current()));
      return std::nullopt;
    }
    advance();
    const int given = static_cast<int>(node.operands.size());
    if (function.min_arguments == function.max_arguments && given != function.min_arguments) {
      fail(name.offset, std::string(function.name) + " takes " + std::to_string(function.min_arguments) +
                            arguments_word(function.min_arguments) + ", got " + std::to_string(given));
      return std::nullopt;
    }
    if (given < function.min_arguments) {
      fail(name.offset, std::string(function.name) + " takes at least " + std::to_string(function.min_arguments) +
                            arguments_word(function.min_arguments) + ", got " + std::to_string(given));
      return std::nullopt;
    }
    return add(std::move(node));
  }

  // The predicate of all(list, # > 1), optionally in braces as in all(list, {# > 1}).
  std::optional<std::size_t> parse_predicate(const FunctionInfo& function) {
    const bool braces = current().kind == TokenKind::left_brace;
    if (braces) advance();
    ++predicate_depth_;
    const auto predicate = parse_expression(0);
    --predicate_depth_;
    if (!predicate) return std::nullopt;
    if (braces) {
      if (current().kind != TokenKind::right_brace) {
        fail(current().offset,
             "expected '}' after the predicate of " + std::string(function.name) + ", got " + describe(current()));
        return std::nullopt;
      }
      advance();
    }
    return predicate;
  }

  std::optional<std::size_t> parse_postfix(std::size_t node) {
    std::optional<std::size_t> result = node;
    while (result && current().kind == TokenKind::left_bracket) {
      const Token open = current();
      advance();
      const auto index = parse_expression(0);
      if (!index) return std::nullopt;
      if (current().kind != TokenKind::right_bracket) {
        fail(current().offset, "expected ']' to close the '[' at " + condition_tree::position_of(text_, open.offset) +
                                   ", got " + describe(current()));
        return std::nullopt;
      }
      advance();
      Node indexing = node_at(NodeKind::index, open);
      indexing.operands = {*result, *index};
      result = add(std::move(indexing));
    }
    return result;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  condition_tree::Tree tree_;
  std::vector<int> heights_;  // per node of tree_
  int depth_ = 0;
  int predicate_depth_ = 0;
  std::optional<Error> error_;
};

Result<Condition> parse_condition(std::string_view text) {
  return ConditionParser::parse(text);
}

}  // namespace ckpt
