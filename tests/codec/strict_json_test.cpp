#include "codec/strict_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

namespace ckpt::codec {
namespace {

namespace json = boost::json;

std::string problem_of(std::string_view text) {
  const auto parsed = parse_strict_json(text, ErrorCode::bad_request);
  if (parsed) return "<parsed>";
  EXPECT_EQ(parsed.error().code, ErrorCode::bad_request);
  return parsed.error().message;
}

TEST(StrictJson, ParsesWhatBoostJsonParses) {
  const std::string text = R"({"a": [1, -2, 3.5, "x", true, null, {"b": {}}], "c": {"d": "é"}})";
  const auto parsed = parse_strict_json(text, ErrorCode::bad_request);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, json::parse(text));
  EXPECT_EQ(*parse_strict_json(" [] ", ErrorCode::bad_request), json::array{});
}

TEST(StrictJson, ADuplicateKeyIsNamedByItsPath) {
  EXPECT_EQ(problem_of(R"({"cluster": "a", "cluster": "b"})"), "has a duplicate field 'cluster'");
  EXPECT_EQ(problem_of(R"({"rollback_window": {"owner": "a", "approver": "b", "owner": "c"}})"),
            "has a duplicate field 'rollback_window.owner'");
  EXPECT_EQ(problem_of(R"({"plan": {"steps": [{"sql": "a.sql", "sql": "b.sql"}]}})"),
            "has a duplicate field 'plan.steps[0].sql'");
  EXPECT_EQ(problem_of(R"({"plan": {"steps": [{"sql": "a"}, 7, [], {"sql": "b", "sql": "c"}]}})"),
            "has a duplicate field 'plan.steps[3].sql'");
  EXPECT_EQ(problem_of(R"([{"name": 1}, {"name": 1, "name": 2}])"), "has a duplicate field '[1].name'");
  EXPECT_EQ(problem_of(R"([[{"a": 1}], [{"b": 1, "b": 2}]])"), "has a duplicate field '[1][0].b'");
}

TEST(StrictJson, KeysAreComparedAfterUnescaping) {
  EXPECT_EQ(problem_of(R"({"cluster": 1, "clust\u0065r": 2})"), "has a duplicate field 'cluster'");
}

TEST(StrictJson, TheSameKeyInDifferentObjectsIsFine) {
  EXPECT_TRUE(parse_strict_json(R"({"a": {"name": 1}, "b": {"name": 2}, "name": [{"name": 3}, {"name": 4}]})",
                                ErrorCode::bad_request));
}

TEST(StrictJson, ALongDuplicateKeyIsEchoedBounded) {
  const std::string key(5000, 'k');
  const auto message = problem_of("{\"" + key + "\": 1, \"" + key + "\": 2}");
  EXPECT_EQ(message, "has a duplicate field '" + std::string(64, 'k') + "…(5000 bytes)'");
}

TEST(StrictJson, InvalidUtf8IsSaidToBeInvalidUtf8) {
  EXPECT_EQ(problem_of("{\"cluster\": \"a\xff\"}"), "is not valid UTF-8 (byte 0xFF at offset 14); send UTF-8 text");
  EXPECT_EQ(problem_of("{\"a\": \"\xc3\"}"), "is not valid UTF-8 (byte 0xC3 at offset 7); send UTF-8 text");
  EXPECT_EQ(problem_of("\xed\xa0\x80"), "is not valid UTF-8 (byte 0xED at offset 0); send UTF-8 text");
}

// Found by fuzz/strict_json_fuzzer: Boost.JSON 1.81 reads 0e999 as NaN and 1e999 as
// infinity, and writes them back as NaN and Infinity, which are not JSON.
TEST(StrictJson, NumbersThatAreNotFiniteAreRefusedByTheirPath) {
  EXPECT_EQ(problem_of(R"({"duration_seconds": 1e999})"), "has a number out of range in field 'duration_seconds'");
  EXPECT_EQ(problem_of(R"({"a": [1, {"b": -1e400}]})"), "has a number out of range in field 'a[1].b'");
  EXPECT_EQ(problem_of(R"({"a": [0, 0e99999]})"), "has a number out of range in field 'a[1]'");
  EXPECT_EQ(problem_of("0e999"), "has a number out of range");
  EXPECT_TRUE(
      parse_strict_json(R"({"small": 1e-999, "large": 1.7976931348623157e308, "int": 1e20})", ErrorCode::bad_request));
}

// Boost.JSON 1.81 reads 9.032689664283783E0 (its own writing of 9.0326896642837831) one
// unit in the last place off; an evidence package's sha256 needs the value as written.
TEST(StrictJson, FractionsReadBackAsTheDoubleThatWasWritten) {
  for (const double written : {9.0326896642837831, 1.1430767782883795e-192, 0.1 + 0.2, 4.912346}) {
    const auto parsed = parse_strict_json(json::serialize(json::value(written)), ErrorCode::internal);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->as_double(), written);
  }
}

TEST(StrictJson, OtherProblemsUseBoostJsonsWords) {
  EXPECT_EQ(problem_of(R"({"a": )"), "is not valid JSON: incomplete JSON");
  EXPECT_EQ(problem_of(R"({"a": 1} x)"), "is not valid JSON: extra data");
  EXPECT_EQ(problem_of(R"({"a": 1,})"), "is not valid JSON: syntax error");
  EXPECT_EQ(problem_of("{\"a\": 1 /* c */}"), "is not valid JSON: syntax error");
  EXPECT_EQ(problem_of(""), "is not valid JSON: incomplete JSON");
  EXPECT_EQ(problem_of(std::string(40, '[') + std::string(40, ']')), "is not valid JSON: too deep");
}

TEST(StrictJson, TheCallersCodeIsKept) {
  const auto parsed = parse_strict_json("{", ErrorCode::engine_error);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::engine_error);
}

}  // namespace
}  // namespace ckpt::codec
