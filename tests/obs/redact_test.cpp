// Secrets never reach a log line or an error message.
#include <gtest/gtest.h>

#include "obs/redact.hpp"

namespace ckpt::obs {
namespace {

TEST(Redact, ReplacesEveryOccurrenceOfEverySecret) {
  EXPECT_EQ(redact("token=abc123 retry token=abc123 pw=hunter2", {"abc123", "hunter2"}),
            "token=[redacted] retry token=[redacted] pw=[redacted]");
}

TEST(Redact, LeavesTextWithoutSecretsAlone) {
  EXPECT_EQ(redact("nothing to hide", {"abc123"}), "nothing to hide");
  EXPECT_EQ(redact("", {"abc123"}), "");
  EXPECT_EQ(redact("abc", {}), "abc");
}

TEST(Redact, IgnoresEmptySecrets) { EXPECT_EQ(redact("abc", {""}), "abc"); }

TEST(Redact, LongestOverlappingSecretWins) {
  EXPECT_EQ(redact("key=abcdef", {"abc", "abcdef"}), "key=[redacted]");
}

TEST(Redact, ReplacementIsNotScannedAgain) {
  EXPECT_EQ(redact("xredx", {"red", "x"}), "[redacted][redacted][redacted]");
  EXPECT_EQ(redact("a-secret-b", {"secret", "dac"}), "a-[redacted]-b");
}

}  // namespace
}  // namespace ckpt::obs
