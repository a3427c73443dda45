// A flag as a key of a ConfigMap: read from the object, set by a merge patch of one key.
#include "flags/config_map_data.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace ckpt::flags {
namespace {

TEST(ConfigMapDataTest, ReadsAKeysValue) {
  const auto config_map = boost::json::parse(R"({"data":{"A":"true","B":"x"}})").as_object();
  EXPECT_EQ(*config_map_value(config_map, "A"), "true");
}

TEST(ConfigMapDataTest, AMissingKeyIsNotFoundAndTheKeysThereAreNamed) {
  auto value = config_map_value(boost::json::parse(R"({"data":{"A":"1","B":"2"}})").as_object(), "C");
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::not_found);
  EXPECT_EQ(value.error().message, "ConfigMap has no key C (keys: A, B)");
  EXPECT_EQ(config_map_value(boost::json::object{}, "C").error().message, "ConfigMap has no key C (keys: none)");
}

TEST(ConfigMapDataTest, AValueThatIsNotAStringIsRefused) {
  EXPECT_EQ(config_map_value(boost::json::parse(R"({"data":{"A":1}})").as_object(), "A").error().message,
            "ConfigMap's data.A is not a string");
}

TEST(ConfigMapDataTest, ThePatchSetsOneKey) {
  EXPECT_EQ(config_map_value_patch("FEATURE_X", "false"), boost::json::parse(R"({"data":{"FEATURE_X":"false"}})"));
}

}  // namespace
}  // namespace ckpt::flags
