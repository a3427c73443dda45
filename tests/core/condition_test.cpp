#include "core/condition.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace ckpt {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

ResultValue number(double value) {
  return ResultValue::number(value);
}
ResultValue list(std::vector<double> values) {
  return ResultValue::list(std::move(values));
}

// One row: the condition, the result it sees, and either the expected verdict or the
// start of the expected error message ("column 12: ...").
struct Row {
  std::string expression;
  ResultValue result;
  std::optional<bool> verdict;
  std::string error = {};
};

Row yes(std::string expression, ResultValue result) {
  return Row{std::move(expression), std::move(result), true};
}
Row no(std::string expression, ResultValue result) {
  return Row{std::move(expression), std::move(result), false};
}
Row fails(std::string expression, ResultValue result, std::string error) {
  return Row{std::move(expression), std::move(result), std::nullopt, std::move(error)};
}

void check_rows(const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    SCOPED_TRACE("condition: " + row.expression + "  result: " + to_string(row.result));
    auto condition = parse_condition(row.expression);
    Result<bool> outcome = condition ? evaluate(*condition, row.result) : Result<bool>(condition.error());
    if (row.verdict) {
      ASSERT_TRUE(outcome.ok()) << outcome.error().message;
      EXPECT_EQ(*outcome, *row.verdict);
    } else {
      ASSERT_FALSE(outcome.ok()) << "expected an error starting with: " << row.error;
      EXPECT_EQ(outcome.error().code, ErrorCode::bad_request);
      EXPECT_EQ(outcome.error().message.substr(0, row.error.size()), row.error)
          << "the whole message: " << outcome.error().message;
    }
  }
}

TEST(Condition, EveryArgoDocumentationExample) {
  check_rows({
      // Success rate from an instant vector, failure count, inconclusive band.
      yes("result[0] >= 0.95", list({0.97})),
      no("result[0] >= 0.95", list({0.9})),
      yes("result[0] <= 0.95", list({0.5})),
      yes("result[0] >= 10", list({12})),
      no("result[0] >= 10", list({3})),
      yes("result[0] >= 0.90", list({0.9})),
      yes("result[0] < 0.50", list({0.3})),
      yes("result > 10", number(11)),
      yes("result < 0.05", number(0.01)),
      no("result < 0.05", number(0.05)),
      // NaN and infinity.
      yes("isNaN(result) || result >= 0.95", number(kNaN)),
      yes("isNaN(result) || result >= 0.95", number(0.99)),
      no("result >= 0.95", number(kNaN)),
      no("result < 0.95", number(kNaN)),
      yes("result >= 0.95", number(kInf)),
      yes("isInf(result)", number(kInf)),
      yes("isInf(result)", number(-kInf)),
      no("isInf(result)", number(1)),
      // Empty results.
      yes("len(result) == 0 || result[0] >= 0.95", list({})),
      no("len(result) == 0 || result[0] >= 0.95", list({0.5})),
      no("len(result) > 0 && result[0] >= 0.95", list({})),
      yes("len(result) > 0 && result[0] >= 0.95", list({0.96})),
      yes("default(result, 0) < 0.05", number(0.01)),
      // The example that compares a web provider's string: no strings here.
      fails("result == 'true'", number(1), "column 11: strings are not supported"),
  });
}

TEST(Condition, ListsPredicatesAndWordOperators) {
  check_rows({
      yes("all(result, # < 500)", list({100, 499})),
      no("all(result, # < 500)", list({100, 500})),
      yes("any(result, # > 2)", list({1, 3})),
      no("any(result, # > 2)", list({1, 2})),
      yes("none(result, # > 2)", list({1, 2})),
      yes("one(result, # > 2)", list({1, 3})),
      no("one(result, # > 2)", list({3, 3})),
      yes("count(result, # > 2) == 2", list({3, 1, 4})),
      yes("all(result, {# > 0})", list({1, 2})),
      yes("len(filter(result, # > 1)) == 2", list({1, 2, 3})),
      yes("filter(result, # > 1)[0] == 2", list({1, 2, 3})),
      yes("map(result, # * 2)[1] == 4", list({1, 2, 3})),
      yes("all(result, any(result, # >= 3))", list({1, 3})),
      yes("all(result, # * 2 > #)", list({1, 2})),
      yes("!(result < 1)", number(1)),
      yes("not (result < 1)", number(1)),
      yes("result > 0 and result < 1", number(0.5)),
      yes("result < 0 or result > 1", number(2)),
      yes("result > 0 && !(result > 1)", number(0.5)),
      yes("true", number(0)),
      no("false", number(0)),
  });
}

TEST(Condition, FunctionsOnNumbersAndLists) {
  check_rows({
      yes("len(result) == 3", list({1, 2, 3})),
      yes("sum(result) == 6", list({1, 2, 3})),
      yes("mean(result) == 2", list({1, 2, 3})),
      yes("mean(1, 2, 3, result) == 2.5", list({4})),
      yes("min(result) == 1 && max(result) == 3", list({2, 1, 3})),
      yes("max(result, 10) == 10", list({2, 1, 3})),
      yes("abs(-2) == 2", number(0)),
      yes("asInt(2.7) == 2 && asInt(-2.7) == -2", number(0)),
      yes("asFloat(result) == 1", number(1)),
      no("isNil(result)", list({})),
      yes("isNaN(0 / 0)", number(0)),
      yes("result[-1] == 3 && result[-3] == 1", list({1, 2, 3})),
      yes("result[1 + 1] == 3", list({1, 2, 3})),
  });
}

TEST(Condition, PrecedenceAndAssociativityFollowExpr) {
  check_rows({
      yes("1 + 2 * 3 == 7", number(0)),
      yes("(1 + 2) * 3 == 9", number(0)),
      yes("10 - 2 - 3 == 5", number(0)),
      yes("8 / 4 / 2 == 1", number(0)),
      yes("-2 * 3 == -6", number(0)),
      yes("- -2 == 2", number(0)),
      yes("+2 == 2", number(0)),
      yes("2 * -result == -1", number(0.5)),
      yes("true || false && false", number(0)),  // && binds tighter than ||
      no("(true || false) && false", number(0)),
      yes("not true or true", number(0)),  // (not true) or true
      yes("!false == true", number(0)),    // (!false) == true
      yes("1 < 2 == true", number(0)),     // (1 < 2) == true
      yes("0 < result < 1", number(0.5)),  // 0 < result && result < 1
      no("0 < result < 1", number(1)),
      yes("0 <= result <= 1 < 2", number(1)),
      yes("result[0] + result[1] * 2 > 4", list({1, 2})),
      yes("len(result) == 0 || result[0] < 1", list({})),
      yes("len(result) == 0 || result[0] < 1", list({0.5})),
      no("len(result) == 0 || result[0] < 1", list({1})),
  });
}

TEST(Condition, NumberLiterals) {
  check_rows({
      yes("1e3 == 1000", number(0)),
      yes("1.5e-3 == 0.0015", number(0)),
      yes("1E+2 == 100", number(0)),
      yes(".5 == 0.5", number(0)),
      yes("1. == 1", number(0)),
      yes("1_000 == 1000", number(0)),
      yes("0.1 + 0.2 != 0.3", number(0)),
      fails("1.2.3 > 1", number(0), "column 1: malformed number '1.2.3'"),
      fails("12abc > 1", number(0), "column 1: malformed number '12abc'"),
      fails("1e > 0", number(0), "column 1: malformed number '1e'"),
      fails("1__0 > 0", number(0), "column 1: malformed number '1__0'"),
      fails("result > 1e999", number(0), "column 10: number '1e999' is out of range"),
  });
}

TEST(Condition, NaNAndInfinityFollowIeee) {
  check_rows({
      no("result == result", number(kNaN)), yes("result != result", number(kNaN)),
      no("result > 0 || result <= 0", number(kNaN)), yes("1 / 0 > 1e308", number(0)), yes("-1 / 0 < -1e308", number(0)),
      yes("isInf(1 / 0)", number(0)), yes("result > 1e308", number(kInf)),
      yes("any(result, isNaN(#))", list({1, kNaN})), yes("all(result, !isNaN(#) && !isInf(#))", list({1, 2})),
      yes("isNaN(max(result))", list({kNaN, 1})),  // NaN compares false: the first element stays
  });
}

TEST(Condition, EmptyLists) {
  check_rows({
      yes("len(result) == 0", list({})),
      yes("all(result, # > 1)", list({})),
      no("any(result, # > 1)", list({})),
      yes("none(result, # > 1)", list({})),
      no("one(result, # > 1)", list({})),
      yes("count(result, # > 1) == 0", list({})),
      yes("sum(result) == 0", list({})),
      yes("mean(result) == 0", list({})),  // as in expr
      fails("max(result) > 0", list({}), "column 1: max of an empty list"),
      fails("result[0] < 1", list({}), "column 7: index 0 is out of range for an empty list"),
  });
}

TEST(Condition, TypeErrorsNameWhatWasExpected) {
  check_rows({
      fails("result < 1", list({1, 2}), "column 8: '<' expects a number on its left, got a list of 2 numbers"),
      fails("1 < result", list({1}), "column 3: '<' expects a number on its right, got a list of 1 number"),
      fails("isNaN(result)", list({1}), "column 1: isNaN expects a number, got a list of 1 number"),
      fails("result", number(0.5), "column 1: the condition must come out true or false, got a number (0.5)"),
      fails("result + 1", number(0.5), "column 8: the condition must come out true or false, got a number (1.5)"),
      fails("result", list({}), "column 1: the condition must come out true or false, got an empty list"),
      fails("1 && true", number(0), "column 3: '&&' expects true or false on its left, got a number (1)"),
      fails("true and 1", number(0), "column 6: 'and' expects true or false on its right, got a number (1)"),
      fails("result[0.5] > 1", list({1}), "column 7: an index must be a whole number, got a number (0.5)"),
      fails("result[0] > 1", number(2), "column 7: only a list can be indexed, got a number (2)"),
      fails("result[3] > 1", list({1, 2}), "column 7: index 3 is out of range for a list of 2 numbers"),
      fails("result[-3] > 1", list({1, 2}), "column 7: index -3 is out of range for a list of 2 numbers"),
      fails("len(1) > 0", number(0), "column 1: len expects a list of numbers, got a number (1)"),
      fails("all(result, # > 0)", number(1), "column 1: all expects a list of numbers, got a number (1)"),
      fails("all(result, #)", list({1}), "column 1: all expects its predicate to be true or false, got a number (1)"),
      fails("map(result, # > 1)[0] > 0", list({1}),
            "column 1: map expects its expression to give a number, got a bool (false)"),
      fails("1 == true", number(0), "column 3: '==' compares two numbers or two bools, got a number (1) and a bool"),
      fails("result == result", list({1}), "column 8: '==' compares two numbers or two bools, got a list"),
      fails("-true", number(0), "column 1: '-' expects a number, got a bool (true)"),
      fails("!1", number(0), "column 1: '!' expects true or false, got a number (1)"),
      fails("not 1", number(0), "column 1: 'not' expects true or false, got a number (1)"),
      fails("not result > 1", number(2), "column 1: 'not' expects true or false, got a number (2)"),
      fails("!result * 2", number(2), "column 1: '!' expects true or false, got a number (4)"),  // !(result * 2)
      fails("!result + 2", number(2), "column 1: '!' expects true or false, got a number (2)"),  // (!result) + 2
      fails("asInt(1 / 0) > 0", number(0), "column 1: asInt expects a finite number"),
      fails("sum(1) > 0", number(0), "column 1: sum expects a list of numbers, got a number (1)"),
      fails("min(true) > 0", number(0), "column 1: min expects numbers or lists of numbers, got a bool (true)"),
      // && and || stop early: the right side is never evaluated.
      yes("true || result[5] > 1", list({})),
      no("false && 1", number(0)),
  });
}

TEST(Condition, ParseErrorsNameTheColumn) {
  check_rows({
      fails("", number(0), "column 1: the condition is empty"),
      fails("   ", number(0), "column 1: the condition is empty"),
      fails("len(result", list({}), "column 11: expected ')' after the arguments of len, got end of input"),
      fails("len(result, 1 2) > 0", list({}), "column 15: expected ')' after the arguments of len, got number 2"),
      fails("(result < 1", number(0), "column 12: expected ')' to close the '(' at column 1, got end of input"),
      fails("result[0 > 1", list({}), "column 13: expected ']' to close the '[' at column 7, got end of input"),
      fails("result < ", number(0), "column 10: expected a value, got end of input"),
      fails("result < )", number(0), "column 10: expected a value (a number, true, false, result, a function call"),
      fails("result = 1", number(0), "column 8: unexpected '=': compare with '=='"),
      fails("result > 0 & true", number(0), "column 12: unexpected '&': 'and' is '&&'"),
      fails("result > 0 | true", number(0), "column 12: unexpected '|': 'or' is '||'"),
      fails("result @ 1", number(0), "column 8: unexpected character '@'"),
      fails("result < 1 \xC3\xA9", number(0), "column 12: unexpected character byte 0xC3"),
      fails("foo > 1", number(0), "column 1: unknown name 'foo': the measured value is called result"),
      fails("result > 0 && Result < 1", number(0), "column 15: unknown name 'Result'"),
      fails("len > 1", number(0), "column 1: len is a function: call it as len(...)"),
      fails("# > 1", number(0), "column 1: '#' is the element a predicate looks at"),
      fails("all(# > 1, true)", number(0), "column 5: '#' is the element a predicate looks at"),
      fails("all(result, #index > 0)", list({}), "column 13: '#index' is not supported"),
      fails("len(result, result) == 1", list({}), "column 1: len takes 1 argument, got 2"),
      fails("isNaN() ", list({}), "column 1: isNaN takes 1 argument, got 0"),
      fails("default(result) < 1", number(0), "column 1: default takes 2 arguments, got 1"),
      fails("min() > 1", list({}), "column 1: min takes at least 1 argument, got 0"),
      fails("result < 1 2", number(0), "column 12: expected an operator or the end of the condition, got number 2"),
      fails("result < 1)", number(0), "column 11: expected an operator or the end of the condition, got ')'"),
      fails("nil == result", number(0), "column 1: nil is not supported"),
      fails("all(result, {# > 1)", list({}), "column 19: expected '}' after the predicate of all, got ')'"),
      fails("result.value > 1", number(0), "column 7: unexpected character '.'"),
      fails("result > 0 &&\n  foo < 1", number(0), "line 2, column 3: unknown name 'foo'"),
      fails("len(result) > 0 &&\n  result[2] < 1", list({1}), "line 2, column 9: index 2 is out of range"),
  });
}

std::string repeated(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(Condition, NestingDepthIsBounded) {
  // The whole condition is one level, each parenthesis one more.
  check_rows({
      yes(repeated("(", 63) + "true" + repeated(")", 63), number(0)),
      fails(repeated("(", 64) + "true" + repeated(")", 64), number(0),
            "column 65: the condition is nested more than 64 levels deep"),
      yes(repeated("!", 62) + "true", number(0)),
      fails(repeated("!", 200) + "true", number(0), "column 65: the condition is nested more than 64 levels deep"),
      fails(repeated("(", 4000), number(0), "column 65: the condition is nested more than 64 levels deep"),
      // A long chain of operators is as deep as it is long.
      yes("1" + repeated(" + 1", 62) + " > 0", number(0)),
      fails("1" + repeated(" + 1", 64) + " > 0", number(0), "column 255: the condition is nested more than 64"),
      yes(repeated("all(result, ", 40) + "true" + repeated(")", 40), list({1})),
      fails(repeated("all(result, ", 70) + "true" + repeated(")", 70), list({1}),
            "column 761: the condition is nested more than 64 levels deep"),
  });
}

TEST(Condition, LengthIsBounded) {
  const std::string longest = std::string(kMaxConditionLength - 4, ' ') + "true";
  ASSERT_TRUE(parse_condition(longest).ok());
  const auto too_long = parse_condition(longest + " ");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message, "column 4097: the condition is longer than 4096 characters");
}

TEST(Condition, EvaluationStepsAreBounded) {
  const auto condition = parse_condition("all(result, all(result, all(result, # >= 0)))");
  ASSERT_TRUE(condition.ok()) << condition.error().message;
  EXPECT_TRUE(*evaluate(*condition, list(std::vector<double>(10, 1))));
  const auto outcome = evaluate(*condition, list(std::vector<double>(1000, 1)));
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().message.find("took more than 1000000 steps to evaluate"), std::string::npos)
      << outcome.error().message;
}

TEST(Condition, OneParseServesManyResults) {
  const auto condition = parse_condition("len(result) == 0 || result[0] < 1");
  ASSERT_TRUE(condition.ok());
  EXPECT_EQ(condition->text(), "len(result) == 0 || result[0] < 1");
  EXPECT_TRUE(*evaluate(*condition, list({})));
  EXPECT_TRUE(*evaluate(*condition, list({0.5})));
  EXPECT_FALSE(*evaluate(*condition, list({2})));
  EXPECT_FALSE(evaluate(*condition, number(0.5)).ok());
}

TEST(Condition, ResultValuesAsArgoRecordsThem) {
  EXPECT_EQ(to_string(number(0.05)), "0.05");
  EXPECT_EQ(to_string(number(1)), "1");
  EXPECT_EQ(to_string(number(-2.5)), "-2.5");
  EXPECT_EQ(to_string(number(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(to_string(number(1e21)), "1000000000000000000000");
  EXPECT_EQ(to_string(number(kNaN)), "NaN");
  EXPECT_EQ(to_string(number(kInf)), "+Inf");
  EXPECT_EQ(to_string(number(-kInf)), "-Inf");
  EXPECT_EQ(to_string(list({})), "[]");
  EXPECT_EQ(to_string(list({0.5, 1, kNaN})), "[0.5,1,NaN]");
  EXPECT_FALSE(number(1).is_list());
  EXPECT_TRUE(list({}).is_list());
}

}  // namespace
}  // namespace ckpt
