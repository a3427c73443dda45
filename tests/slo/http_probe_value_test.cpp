#include "slo/http_probe_value.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ckpt::slo {
namespace {

constexpr const char* kUrl = "http://app:8080/healthz";

HttpProbe probe(std::string pointer, std::vector<int> expected = {200}) {
  return HttpProbe{kUrl, std::move(pointer), std::move(expected), {}};
}

// One response, the probe's pointer, and the value (core's to_string) or the error's
// code and full message.
struct Row {
  std::string pointer;
  std::string body;
  std::string value;  // empty: an error is expected
  std::string message = {};
  ErrorCode code = ErrorCode::engine_error;
};

void check(const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    SCOPED_TRACE("pointer " + row.pointer + " in " + row.body);
    auto value = http_probe_value(probe(row.pointer), 200, row.body);
    if (!row.value.empty()) {
      ASSERT_TRUE(value.ok()) << value.error().message;
      EXPECT_EQ(to_string(*value), row.value);
    } else {
      ASSERT_FALSE(value.ok()) << "expected: " << row.message;
      EXPECT_EQ(value.error().message, row.message);
      EXPECT_EQ(value.error().code, row.code);
    }
  }
}

TEST(HttpProbeValue, TheValueAtTheJsonPointer) {
  const std::string document =
      R"({"status":"ok","error_ratio":0.25,"count":12,"big":18446744073709551615,"ready":true,"down":false,)"
      R"("a/b":1,"m~n":2,"~1":3,"":4,"items":[{"v":10},{"v":-2.5}],"nested":{"deep":{"x":[1,[7,8]]}}})";
  check({
      {"/error_ratio", document, "0.25"},
      {"/count", document, "12"},
      {"/big", document, "18446744073709551616"},
      {"/ready", document, "1"},
      {"/down", document, "0"},
      {"/a~1b", document, "1"},
      {"/m~0n", document, "2"},
      {"/~01", document, "3"},
      {"/", document, "4"},
      {"/items/0/v", document, "10"},
      {"/items/1/v", document, "-2.5"},
      {"/nested/deep/x/1/0", document, "7"},
      {"/1", "[5,6]", "6"},
      {"/0", "[true]", "1"},
  });
}

TEST(HttpProbeValue, WhatIsNotThereOrNotANumberIsNamed) {
  const std::string document = R"({"status":"ok","ratio":null,"items":[1,2],"obj":{"k":"v"},"n":3})";
  const std::string get = std::string{"GET "} + kUrl + ": ";
  check({
      {"/missing", document, "",
       get + R"(nothing at JSON pointer "/missing": the document is an object without field "missing")",
       ErrorCode::bad_request},
      {"/obj/x/y", document, "",
       get + R"(nothing at JSON pointer "/obj/x/y": the value at "/obj" is an object without field "x")",
       ErrorCode::bad_request},
      {"/items/2", document, "",
       get + R"(nothing at JSON pointer "/items/2": the value at "/items" is an array of 2 items)",
       ErrorCode::bad_request},
      {"/items/01", document, "",
       get + R"(nothing at JSON pointer "/items/01": the value at "/items" is an array, and "01" is not an index)",
       ErrorCode::bad_request},
      {"/items/-", document, "",
       get + R"(nothing at JSON pointer "/items/-": the value at "/items" is an array, and "-" is not an index)",
       ErrorCode::bad_request},
      {"/n/x", document, "", get + R"(nothing at JSON pointer "/n/x": the value at "/n" is a number)",
       ErrorCode::bad_request},
      {"/7", "[1]", "", get + R"(nothing at JSON pointer "/7": the document is an array of 1 item)",
       ErrorCode::bad_request},
      {"/status", document, "",
       get + R"(the value at JSON pointer "/status" is a string ("ok"), not a number or a boolean)"},
      {"/ratio", document, "", get + R"(the value at JSON pointer "/ratio" is null, not a number or a boolean)"},
      {"/obj", document, "", get + R"(the value at JSON pointer "/obj" is an object, not a number or a boolean)"},
      {"/items", document, "",
       get + R"(the value at JSON pointer "/items" is an array of 2 items, not a number or a boolean)"},
      {"/x", "not json", "", get + "the body is not valid JSON: syntax error"},
      {"/x~2", document, "", get + R"(JSON pointer "/x~2" has an invalid escape "~2": write ~0 for '~' and ~1 for '/')",
       ErrorCode::bad_request},
      {"/x~", document, "", get + R"(JSON pointer "/x~" has an invalid escape "~": write ~0 for '~' and ~1 for '/')",
       ErrorCode::bad_request},
      {"x", document, "", get + R"(JSON pointer "x" must be empty or start with '/')", ErrorCode::bad_request},
  });
}

// Found by fuzz/slo_answers_fuzzer: the escape was quoted as its first two bytes, which cut
// a character after the '~' in half (the message was no longer UTF-8).
TEST(HttpProbeValue, AnInvalidEscapeIsQuotedWithTheWholeCharacterAfterTheTilde) {
  const std::string get = std::string{"GET "} + kUrl + ": ";
  check({
      {"/a~\xC3\xA9/b", "{}", "",
       get + "JSON pointer \"/a~\xC3\xA9/b\" has an invalid escape \"~\xC3\xA9\": write ~0 for '~' and ~1 for '/'",
       ErrorCode::bad_request},
      {"/a~\xE2\x82\xAC", "{}", "",
       get +
           "JSON pointer \"/a~\xE2\x82\xAC\" has an invalid escape \"~\xE2\x82\xAC\": write ~0 for '~' and ~1 for '/'",
       ErrorCode::bad_request},
  });
}

TEST(HttpProbeValue, AnUnexpectedStatusShowsTheBodyBoundedAndEscaped) {
  auto value = http_probe_value(probe("/error_ratio"), 503, "{\"status\":\"degraded\",\n\"error_ratio\":0.6}\x1b[31m");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::engine_error);
  EXPECT_EQ(value.error().message,
            std::string{"GET "} + kUrl +
                R"(: status 503 (expected 200): "{\"status\":\"degraded\",\n\"error_ratio\":0.6}\x1b[31m")");

  auto long_body = http_probe_value(probe("/x", {200, 204}), 500, std::string(5000, 'e'));
  ASSERT_FALSE(long_body.ok());
  EXPECT_EQ(long_body.error().message, std::string{"GET "} + kUrl + ": status 500 (expected 200 or 204): \"" +
                                           std::string(200, 'e') + "\"…(5000 bytes)");

  auto empty = http_probe_value(probe("/x", {200, 201, 204}), 404, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message,
            std::string{"GET "} + kUrl + ": status 404 (expected 200, 201 or 204): an empty body");
}

TEST(HttpProbeValue, AnyExpectedStatusIsRead) {
  auto value = http_probe_value(probe("/v", {200, 503}), 503, R"({"v":0.7})");
  ASSERT_TRUE(value.ok()) << value.error().message;
  EXPECT_EQ(to_string(*value), "0.7");
}

TEST(HttpProbeValue, WithoutAPointerTheStatusIsTheValue) {
  for (const int status : {200, 204, 301, 404, 503}) {
    auto value = http_probe_value(probe(""), status, "not even json");
    ASSERT_TRUE(value.ok()) << value.error().message;
    EXPECT_EQ(to_string(*value), std::to_string(status));
  }
}

}  // namespace
}  // namespace ckpt::slo
