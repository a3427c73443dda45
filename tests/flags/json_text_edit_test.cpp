// Finding one member's value in JSON text and replacing it or adding a member, so that the
// rest of the text keeps every byte.
#include "flags/json_text_edit.hpp"

#include <gtest/gtest.h>

namespace ckpt::flags {
namespace {

std::string value_at(std::string_view json, const std::vector<std::string>& path) {
  const auto span = find_member_value(json, path);
  return span ? std::string(json.substr(span->begin, span->end - span->begin)) : "<none>";
}

TEST(JsonTextEditTest, FindsAMemberThroughNestedObjects) {
  const std::string json = R"({ "a" : [1, {"b": 2}], "s": "x}\"{", "o": {"b": {"c": -1.5e3}} })";
  EXPECT_EQ(value_at(json, {"o", "b", "c"}), "-1.5e3");
  EXPECT_EQ(value_at(json, {"o", "b"}), R"({"c": -1.5e3})");
  EXPECT_EQ(value_at(json, {"s"}), R"("x}\"{")");
  EXPECT_EQ(value_at(json, {"a"}), R"([1, {"b": 2}])");
  EXPECT_EQ(value_at(json, {}), json);
}

TEST(JsonTextEditTest, AMissingStepOrANonObjectGivesNothing) {
  const std::string json = R"({"a": [1, 2], "b": {"c": null}})";
  EXPECT_EQ(value_at(json, {"z"}), "<none>");
  EXPECT_EQ(value_at(json, {"a", "0"}), "<none>");
  EXPECT_EQ(value_at(json, {"b", "c", "d"}), "<none>");
}

TEST(JsonTextEditTest, ReplacingASpanKeepsTheRest) {
  const std::string json = "{\n  \"a\": \"old\",\n  \"b\": 1\n}";
  EXPECT_EQ(with_span_replaced(json, *find_member_value(json, {"a"}), "\"new\""),
            "{\n  \"a\": \"new\",\n  \"b\": 1\n}");
}

TEST(JsonTextEditTest, AnAppendedMemberIsIndentedLikeTheFirst) {
  const std::string pretty = "{\n    \"a\": 1\n  }";
  EXPECT_EQ(with_member_appended(pretty, {0, pretty.size()}, "b", "true"), "{\n    \"a\": 1,\n    \"b\": true\n  }");
  const std::string compact = R"({"a":1})";
  EXPECT_EQ(with_member_appended(compact, {0, compact.size()}, "b\"", "2"), R"({"a":1,"b\"": 2})");
  const std::string empty = "{ }";
  EXPECT_EQ(with_member_appended(empty, {0, empty.size()}, "b", "2"), R"({"b": 2 })");
}

}  // namespace
}  // namespace ckpt::flags
