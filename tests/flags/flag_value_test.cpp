// What a stored value means for a flag, and how names are listed in messages.
#include "flags/flag_value.hpp"

#include <gtest/gtest.h>

#include "flags/name_list.hpp"

namespace ckpt::flags {
namespace {

TEST(FlagValueTest, TheOnValueIsOnAndTheOffValueOff) {
  const OnOffValues values{"yes", "no"};
  EXPECT_TRUE(*state_of("env var X", "yes", values));
  EXPECT_FALSE(*state_of("env var X", "no", values));
  EXPECT_EQ(values.value_for(true), "yes");
  EXPECT_EQ(values.value_for(false), "no");
}

TEST(FlagValueTest, AnyOtherValueIsAnErrorThatQuotesIt) {
  auto state = state_of("env var X", "True", {"true", "false"});
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().code, ErrorCode::engine_error);
  EXPECT_EQ(state.error().message, R"(env var X is "True", neither the on value "true" nor the off value "false")");
}

TEST(NameListTest, ListsAtMostTenNames) {
  EXPECT_EQ(name_list({}), "none");
  EXPECT_EQ(name_list({"a", "b"}), "a, b");
  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i) many.push_back("f" + std::to_string(i));
  EXPECT_EQ(name_list(many), "f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, ... (12 in all)");
}

}  // namespace
}  // namespace ckpt::flags
