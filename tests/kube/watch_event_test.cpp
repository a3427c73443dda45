#include "kube/watch_event.hpp"

#include <gtest/gtest.h>

namespace ckpt::kube {
namespace {

TEST(WatchEventTest, ObjectEvents) {
  auto parsed = parse_watch_line(
      R"({"type":"MODIFIED","object":{"kind":"Backup","metadata":{"name":"b1","resourceVersion":"17"}}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto* event = std::get_if<WatchEvent>(&*parsed);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->type, WatchEventType::modified);
  EXPECT_EQ(metadata_field(event->object, "name"), "b1");
  EXPECT_EQ(metadata_field(event->object, "resourceVersion"), "17");
  EXPECT_EQ(metadata_field(event->object, "namespace"), "");

  for (const char* type : {"ADDED", "DELETED", "BOOKMARK"}) {
    auto other = parse_watch_line(std::string(R"({"type":")") + type + R"(","object":{}})");
    ASSERT_TRUE(other) << type;
    EXPECT_EQ(to_string(std::get<WatchEvent>(*other).type), type);
  }
}

TEST(WatchEventTest, ErrorEventsCarryTheirStatus) {
  auto parsed = parse_watch_line(
      R"json({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 3 (40)"}})json");
  ASSERT_TRUE(parsed);
  const auto& error = std::get<WatchErrorEvent>(*parsed);
  EXPECT_EQ(error.code, 410);
  EXPECT_EQ(error.reason, "Expired");
  EXPECT_EQ(error.message, "too old resource version: 3 (40)");
}

TEST(WatchEventTest, MalformedLinesAreEngineErrorsQuotingTheLine) {
  auto garbage = parse_watch_line("{not json");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::engine_error);
  EXPECT_EQ(garbage.error().message,
            "the Kubernetes API sent a watch event that is not valid JSON: syntax error: {not json");
  auto array = parse_watch_line("[1]");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().message, "the Kubernetes API sent a watch event that is not a JSON object: [1]");
  auto unknown = parse_watch_line(R"({"type":"RENAMED","object":{}})");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("has an unknown type \"RENAMED\""), std::string::npos);
  auto no_object = parse_watch_line(R"({"type":"ADDED"})");
  ASSERT_FALSE(no_object);
  EXPECT_NE(no_object.error().message.find("has no object"), std::string::npos);
}

TEST(WatchEventTest, AFieldNamedTwiceIsMalformedNamingIt) {
  auto twice = parse_watch_line(
      R"({"type":"MODIFIED","object":{"metadata":{"name":"b1"},"status":{"phase":"failed","phase":"completed"}}})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::engine_error);
  EXPECT_TRUE(twice.error().message.starts_with(
      "the Kubernetes API sent a watch event that has a duplicate field 'object.status.phase': {\"type\""))
      << twice.error().message;
  auto type_twice = parse_watch_line(R"({"type":"ADDED","type":"DELETED","object":{}})");
  ASSERT_FALSE(type_twice);
  EXPECT_NE(type_twice.error().message.find("has a duplicate field 'type'"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::kube
