// BearerToken: fixed, none, and file-backed with rotation.
#include "kube/bearer_token.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/temp_dir.hpp"

namespace ckpt::kube {
namespace {

namespace fs = std::filesystem;

TEST(BearerTokenTest, FixedAndNone) {
  EXPECT_EQ(BearerToken::fixed("abc").current().value(), "abc");
  EXPECT_EQ(BearerToken().current().value(), "");
}

TEST(BearerTokenTest, AFileIsTrimmedAndReReadWhenItRotates) {
  test::TempDir dir("token");
  const fs::path file = dir.path() / "token";
  std::ofstream(file) << "  first-token\n";
  const auto token = BearerToken::from_file(file);
  EXPECT_EQ(token.current().value(), "first-token");

  std::ofstream(file) << "second-token-which-is-longer\n";
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  EXPECT_EQ(token.current().value(), "second-token-which-is-longer");
  const BearerToken copy = token;
  EXPECT_EQ(copy.current().value(), "second-token-which-is-longer") << "copies share the cache";
}

TEST(BearerTokenTest, UnreadableOrEmptyFileIsUnauthorizedAndNamed) {
  test::TempDir dir("token");
  const fs::path file = dir.path() / "token";
  auto missing = BearerToken::from_file(file).current();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(missing.error().message,
            "the bearer token file " + file.string() + " cannot be read: No such file or directory");

  std::ofstream(file) << "\n";
  auto empty = BearerToken::from_file(file).current();
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "the bearer token file " + file.string() + " is empty");
}

}  // namespace
}  // namespace ckpt::kube
