// A flagd flag file's flag switched through its defaultVariant: one value changes and every
// other byte stays; what is wrong with a file, a flag or a variant is said by name.
#include "flags/flagd_document.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt::flags {
namespace {

constexpr OnOffValues kOnOff{"on", "off"};

const std::string kFile = R"({
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "flags": {
    "FEATURE_LOGIN_V2": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": "off",
      "targeting": { "if": [ { "ends_with": [ { "var": "email" }, "@example.com" ] }, "on", null ] }
    },
    "CHECKOUT_COLOR": {
      "state": "ENABLED",
      "variants": { "red": "#ff0000", "ratio": 1.50 },
      "defaultVariant": "red"
    }
  }
}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(FlagdDocumentTest, SwitchingOnChangesOnlyTheDefaultVariant) {
  auto edited = with_flagd_flag_state(kFile, "FEATURE_LOGIN_V2", true, kOnOff);
  ASSERT_TRUE(edited) << edited.error().message;
  ASSERT_TRUE(edited->has_value());
  EXPECT_EQ(**edited, replaced(kFile, R"("defaultVariant": "off")", R"("defaultVariant": "on")"));
  auto state = flagd_flag_state(**edited, "FEATURE_LOGIN_V2", kOnOff);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_TRUE(*state);
}

TEST(FlagdDocumentTest, AFlagAlreadyAsAskedNeedsNoWrite) {
  auto edited = with_flagd_flag_state(kFile, "FEATURE_LOGIN_V2", false, kOnOff);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_FALSE(edited->has_value());
}

TEST(FlagdDocumentTest, TheConfiguredVariantNamesAreUsed) {
  const std::string file = R"({"flags":{"F":{"state":"ENABLED","variants":{"enabled":true,"disabled":false},)"
                           R"("defaultVariant":"enabled"}}})";
  auto edited = with_flagd_flag_state(file, "F", false, {"enabled", "disabled"});
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(**edited, replaced(file, R"("defaultVariant":"enabled")", R"("defaultVariant":"disabled")"));
}

TEST(FlagdDocumentTest, AMissingVariantIsNamedWithTheVariantsThereAre) {
  const std::string file = R"({"flags":{"FEATURE_LOGIN_V2":{"state":"ENABLED",)"
                           R"("variants":{"enabled":true,"disabled":false},"defaultVariant":"disabled"}}})";
  auto edited = with_flagd_flag_state(file, "FEATURE_LOGIN_V2", true, kOnOff);
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().message, R"(flag FEATURE_LOGIN_V2 has no variant "on" (variants: enabled, disabled))");
}

TEST(FlagdDocumentTest, AMissingFlagIsNotFoundAndTheFlagsThereAreNamed) {
  auto edited = with_flagd_flag_state(kFile, "FEATURE_SEARCH", true, kOnOff);
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().code, ErrorCode::not_found);
  EXPECT_EQ(edited.error().message, "the file has no flag FEATURE_SEARCH (flags: FEATURE_LOGIN_V2, CHECKOUT_COLOR)");
  EXPECT_EQ(flagd_flag_state(kFile, "FEATURE_SEARCH", kOnOff).error().code, ErrorCode::not_found);
}

TEST(FlagdDocumentTest, TextThatIsNotJsonIsRefusedWithBoostJsonsReason) {
  auto edited = with_flagd_flag_state("flags:\n  F: on\n", "F", true, kOnOff);
  ASSERT_FALSE(edited);
  EXPECT_TRUE(edited.error().message.starts_with("the file is not valid JSON: ")) << edited.error().message;
}

TEST(FlagdDocumentTest, AFileWithoutAFlagsObjectIsRefused) {
  EXPECT_EQ(with_flagd_flag_state(R"({"flags":[]})", "F", true, kOnOff).error().message,
            R"(the file has no "flags" object)");
  EXPECT_EQ(with_flagd_flag_state(R"({"flags":{"F":{"state":"ENABLED"}}})", "F", true, kOnOff).error().message,
            R"(flag F has no "variants" object)");
}

TEST(FlagdDocumentTest, AFlagNamedTwiceIsRefused) {
  auto edited = with_flagd_flag_state(R"({"flags":{"F":{},"F":{}}})", "F", true, kOnOff);
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().message, "the file has a duplicate field 'flags.F'");
}

TEST(FlagdDocumentTest, ADefaultVariantThatIsNeitherOnNorOffIsNamed) {
  const std::string file =
      R"({"flags":{"F":{"variants":{"on":true,"off":false,"beta":true},"defaultVariant":"beta"}}})";
  auto state = flagd_flag_state(file, "F", kOnOff);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().message,
            R"(flag F's defaultVariant is "beta", neither the on value "on" nor the off value "off")");
  EXPECT_EQ(flagd_flag_state(R"({"flags":{"F":{"variants":{"on":true}}}})", "F", kOnOff).error().message,
            "flag F has no defaultVariant");
}

TEST(FlagdDocumentTest, AMissingDefaultVariantIsAddedLaidOutLikeTheFlagsFirstMember) {
  const std::string file =
      "{\"flags\": {\n  \"F\": {\n    \"state\": \"ENABLED\",\n"
      "    \"variants\": {\"on\": true, \"off\": false}\n  }\n}}\n";
  auto edited = with_flagd_flag_state(file, "F", true, kOnOff);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(**edited,
            "{\"flags\": {\n  \"F\": {\n    \"state\": \"ENABLED\",\n"
            "    \"variants\": {\"on\": true, \"off\": false},\n    \"defaultVariant\": \"on\"\n  }\n}}\n");
}

TEST(FlagdDocumentTest, KeysAreComparedUnescaped) {
  const std::string file = R"({"flags":{"F\u005fX":{"variants":{"on":true,"off":false},"defaultVariant":"off"}}})";
  auto edited = with_flagd_flag_state(file, "F_X", true, kOnOff);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(**edited, replaced(file, R"("defaultVariant":"off")", R"("defaultVariant":"on")"));
}

}  // namespace
}  // namespace ckpt::flags
