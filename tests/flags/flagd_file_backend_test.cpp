// A scope kept in a flagd flag file, through FlagSwitch: switched and read back, verified
// with flagd's own evaluator; a no-op leaves the file alone; a change replaces it keeping
// its mode; failures name the scope, the file and the flag and change nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fstream>
#include <sstream>

#include "flag_switch_harness.hpp"
#include "flagd_evaluator.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::flags {
namespace {

using testing::FlagSwitchHarness;

constexpr const char* kFlags = R"({
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "flags": {
    "FEATURE_LOGIN_V2": {
      "state": "ENABLED",
      "variants": {"on": true, "off": false},
      "defaultVariant": "off"
    },
    "FEATURE_SEARCH": {
      "state": "ENABLED",
      "variants": {"on": true, "off": false},
      "defaultVariant": "off",
      "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "on", null]}
    }
  }
}
)";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct stat stat_of(const std::filesystem::path& file) {
  struct stat status {};
  EXPECT_EQ(::stat(file.c_str(), &status), 0) << file;
  return status;
}

std::vector<config::FlagBackend> scopes(const std::filesystem::path& file) {
  return {
      {"develop", config::FlagdFileBackend{.file = file}},
      {"renamed-variants", config::FlagdFileBackend{.file = file, .on_variant = "enabled", .off_variant = "disabled"}},
      {"no-file", config::FlagdFileBackend{.file = file.parent_path() / "missing.json"}}};
}

class FlagdFileBackendTest : public ::testing::Test {
 protected:
  FlagdFileBackendTest() { std::ofstream(file) << kFlags; }

  std::string with_default_variant(const std::string& flag_text, const std::string& variant) const {
    std::string text = kFlags;
    const auto flag = text.find(flag_text);
    const auto at = text.find(R"("defaultVariant": "off")", flag);
    return text.replace(at, 23, R"("defaultVariant": ")" + variant + "\"");
  }

  test::TempDir dir{"flagd"};
  std::filesystem::path file = dir.path() / "flags.json";
  boost::asio::io_context io;
  FlagSwitchHarness harness{io, scopes(file)};
};

TEST_F(FlagdFileBackendTest, SwitchesTheDefaultVariantAndReadsItBack) {
  EXPECT_EQ(harness.flags().describe("develop"), "flagd file " + file.string());
  auto on = harness.set("develop", "FEATURE_LOGIN_V2", true);
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(read_text(file), with_default_variant("FEATURE_LOGIN_V2", "on"));
  auto state = harness.read("develop", "FEATURE_LOGIN_V2");
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(*state, std::optional<bool>(true));

  ASSERT_TRUE(harness.set("develop", "FEATURE_LOGIN_V2", false));
  EXPECT_EQ(read_text(file), kFlags);
  EXPECT_EQ(*harness.read("develop", "FEATURE_LOGIN_V2"), std::optional<bool>(false));
}

TEST_F(FlagdFileBackendTest, FlagdsOwnEvaluatorSeesEachSwitch) {
  const auto& flagd = testing::FlagdEvaluator::shared();
  if (flagd.unavailable()) GTEST_SKIP() << "flagd's evaluator cannot run here: " << *flagd.unavailable();
  ASSERT_TRUE(harness.set("develop", "FEATURE_LOGIN_V2", true));
  auto resolved = flagd.evaluate(file, "FEATURE_LOGIN_V2");
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_TRUE(*resolved);
  EXPECT_FALSE(*flagd.evaluate(file, "FEATURE_SEARCH")) << "the other flag and its targeting are untouched";

  ASSERT_TRUE(harness.set("develop", "FEATURE_LOGIN_V2", false));
  resolved = flagd.evaluate(file, "FEATURE_LOGIN_V2");
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_FALSE(*resolved);
}

TEST_F(FlagdFileBackendTest, SettingTheCurrentValueLeavesTheFileAlone) {
  const auto before = stat_of(file);
  ASSERT_TRUE(harness.set("develop", "FEATURE_LOGIN_V2", false));
  const auto after = stat_of(file);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
}

TEST_F(FlagdFileBackendTest, AChangeReplacesTheFileKeepingItsMode) {
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  const auto before = stat_of(file);
  ASSERT_TRUE(harness.set("develop", "FEATURE_LOGIN_V2", true));
  const auto after = stat_of(file);
  EXPECT_NE(after.st_ino, before.st_ino) << "a new file was renamed over the old one";
  EXPECT_EQ(after.st_mode & 07777, 0640u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "no temporary file is left";
}

TEST_F(FlagdFileBackendTest, AReadOnlyDirectoryIsAClearErrorAndTheFileStaysAsItWas) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only directories: run the tests as another user";
  ASSERT_EQ(::chmod(dir.path().c_str(), 0500), 0);
  auto refused = harness.set("develop", "FEATURE_LOGIN_V2", true);
  ::chmod(dir.path().c_str(), 0700);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().message.starts_with("flag scope \"develop\" (flagd file " + file.string() +
                                                  "): cannot replace the file: cannot open '" +
                                                  (dir.path() / ".flags.json.tmp-").string()))
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("Permission denied"), std::string::npos) << refused.error().message;
  EXPECT_EQ(read_text(file), kFlags);
}

TEST_F(FlagdFileBackendTest, ErrorsNameTheScopeTheFileTheFlagAndTheVariants) {
  const std::string prefix = "flag scope \"develop\" (flagd file " + file.string() + "): ";
  auto missing = harness.set("develop", "FEATURE_CHECKOUT", true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message,
            prefix + "the file has no flag FEATURE_CHECKOUT (flags: FEATURE_LOGIN_V2, FEATURE_SEARCH)");

  auto variant = harness.set("renamed-variants", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(variant);
  EXPECT_EQ(variant.error().message, "flag scope \"renamed-variants\" (flagd file " + file.string() +
                                         "): flag FEATURE_LOGIN_V2 has no variant \"enabled\" (variants: on, off)");

  auto no_file = harness.read("no-file", "FEATURE_LOGIN_V2");
  ASSERT_FALSE(no_file);
  EXPECT_NE(no_file.error().message.find("missing.json': No such file or directory"), std::string::npos)
      << no_file.error().message;
  EXPECT_EQ(read_text(file), kFlags);
}

TEST_F(FlagdFileBackendTest, FlagsSwitchedAtTheSameTimeAllStaySwitched) {
  int done = 0;
  for (const char* flag : {"FEATURE_LOGIN_V2", "FEATURE_SEARCH"}) {
    boost::asio::co_spawn(
        io,
        [&, flag]() -> boost::asio::awaitable<void> {
          const std::string scope = "develop";
          const FlagChangeContext context{"c0ffee", "test"};
          auto set = co_await harness.flags().set(scope, flag, true, context);
          EXPECT_TRUE(set) << set.error().message;
          ++done;
        },
        boost::asio::detached);
  }
  io.restart();
  io.run();
  ASSERT_EQ(done, 2);
  EXPECT_EQ(*harness.read("develop", "FEATURE_LOGIN_V2"), std::optional<bool>(true));
  EXPECT_EQ(*harness.read("develop", "FEATURE_SEARCH"), std::optional<bool>(true));
}

TEST_F(FlagdFileBackendTest, AnUnknownScopeIsNotFoundAndAFlagNeedsAName) {
  auto unknown = harness.set("prod", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(unknown.error().message,
            "no flag scope \"prod\" in the configuration's flag_backends (scopes: develop, renamed-variants, no-file)");
  EXPECT_EQ(harness.flags().describe("prod"), "no such flag scope");

  auto nameless = harness.set("develop", "", true);
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().code, ErrorCode::bad_request);
  EXPECT_EQ(nameless.error().message,
            "flag scope \"develop\" (flagd file " + file.string() + "): the flag name is empty");
}

}  // namespace
}  // namespace ckpt::flags
