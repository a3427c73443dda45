// Secret files (bearer tokens) are read only when no one but the owner may access them,
// and never when empty; the editor's trailing newline is not part of the secret.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/secret_file.hpp"

namespace ckpt::config {
namespace {

class SecretFile : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("ckpt-secret-test-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path write(const std::string& content, mode_t mode) {
    const auto path = directory_ / "token";
    std::ofstream(path, std::ios::binary) << content;
    EXPECT_EQ(::chmod(path.c_str(), mode), 0);
    return path;
  }

  std::filesystem::path directory_;
};

TEST_F(SecretFile, ReadsTheSecretWithoutTrailingNewline) {
  const auto result = read_secret_file(write("s3cr3t-token\n", 0600));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, "s3cr3t-token");
}

TEST_F(SecretFile, TrimsWindowsLineEndingsToo) {
  const auto result = read_secret_file(write("abc\r\n", 0400));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, "abc");
}

TEST_F(SecretFile, KeepsInnerWhitespace) {
  const auto result = read_secret_file(write(" a b\n", 0600));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, " a b");
}

TEST_F(SecretFile, RefusesAFileOthersCanRead) {
  const auto path = write("token\n", 0644);
  const auto result = read_secret_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(result.error().message, "secret file '" + path.string() +
                                        "' is accessible by group or others (mode 0644); run: chmod 600 " +
                                        path.string());
}

TEST_F(SecretFile, RefusesAFileTheGroupCanRead) {
  const auto path = write("token\n", 0640);
  const auto result = read_secret_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("(mode 0640); run: chmod 600 "), std::string::npos)
      << result.error().message;
}

TEST_F(SecretFile, RefusesAnEmptyFile) {
  for (const char* content : {"", "\n", "\r\n\n"}) {
    const auto path = write(content, 0600);
    const auto result = read_secret_file(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, "secret file '" + path.string() + "' is empty; write the secret into it (one line)");
  }
}

TEST_F(SecretFile, MissingFileIsAnError) {
  const auto path = directory_ / "absent";
  const auto result = read_secret_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "secret file '" + path.string() + "' cannot be read: No such file or directory");
}

TEST_F(SecretFile, DirectoryIsNotASecretFile) {
  ASSERT_EQ(::chmod(directory_.c_str(), 0700), 0);
  const auto result = read_secret_file(directory_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "secret file '" + directory_.string() + "' is not a regular file");
}

}  // namespace
}  // namespace ckpt::config
