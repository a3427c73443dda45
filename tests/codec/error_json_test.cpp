#include "codec/error_json.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

TEST(ErrorBody, HasCodeMessageReasonAndCheckpointId) {
  const Error error = make_error(ErrorCode::refused, "no approved rollback window", "missing_owner");
  EXPECT_EQ(error_body(error, "c0ffee01"),
            R"({"error":{"code":"refused","message":"no approved rollback window","reason":"missing_owner",)"
            R"("checkpoint_id":"c0ffee01"}})");
}

TEST(ErrorBody, OmitsEmptyReasonAndCheckpointId) {
  EXPECT_EQ(error_body(make_error(ErrorCode::not_found, "checkpoint 'x' not found")),
            R"({"error":{"code":"not_found","message":"checkpoint 'x' not found"}})");
}

TEST(ErrorBody, RoundTripsThroughErrorFromBody) {
  for (const auto& spec : proto::error_table()) {
    const Error error = make_error(spec.code, "message with \"quotes\"", "some_reason");
    const auto decoded = error_from_body(error_body(error, "c0ffee01"));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded->error.code, spec.code);
    EXPECT_EQ(decoded->error.message, error.message);
    EXPECT_EQ(decoded->error.reason, "some_reason");
    EXPECT_EQ(decoded->checkpoint_id, "c0ffee01");
  }
}

TEST(ErrorBody, WithoutOptionalPartsRoundTrips) {
  const auto decoded = error_from_body(error_body(make_error(ErrorCode::conflict, "busy")));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->error.code, ErrorCode::conflict);
  EXPECT_EQ(decoded->error.reason, "");
  EXPECT_EQ(decoded->checkpoint_id, "");
}

TEST(ErrorFromBody, RefusesWhatIsNotAnErrorBody) {
  EXPECT_EQ(error_from_body("<html>").error().message.rfind("error body is not valid JSON: ", 0), 0U);
  EXPECT_EQ(error_from_body("[]").error().message, "error body must be a JSON object, got array");
  EXPECT_EQ(error_from_body(R"({"id":"x"})").error().message, "missing field 'error'");
  EXPECT_EQ(error_from_body(R"({"error":"boom"})").error().message, "field 'error' must be an object, got string");
  EXPECT_EQ(error_from_body(R"({"error":{"code":"not_found"}})").error().message, "missing field 'error.message'");
  EXPECT_EQ(error_from_body(R"({"error":{"code":"teapot","message":"m"}})").error().message,
            "field 'error.code' names an unknown error code 'teapot'");
}

}  // namespace
}  // namespace ckpt
