// OutputTail: a bounded tail of a stream, cut at a line boundary where it can be, and
// always valid UTF-8.
#include "cli/output_tail.hpp"

#include <gtest/gtest.h>

namespace ckpt::cli {
namespace {

TEST(OutputTail, ShortOutputIsKeptWhole) {
  OutputTail tail{16};
  tail.append("one\n");
  tail.append("two");
  EXPECT_EQ(tail.text(), "one\ntwo");
  EXPECT_EQ(tail.total(), 7U);
}

TEST(OutputTail, LongOutputKeepsTheLastLinesThatFit) {
  OutputTail tail{10};
  tail.append("first line\nsecond\nthird\n");
  // The last 10 bytes are "ond\nthird\n": the partial line goes.
  EXPECT_EQ(tail.text(), "third\n");
}

TEST(OutputTail, ACutAtALineBoundaryLosesNothing) {
  OutputTail tail{13};
  tail.append("aaaa\nbbbbb\ncccccc\n");
  EXPECT_EQ(tail.text(), "bbbbb\ncccccc\n") << "exactly 13 bytes that start a line";
}

TEST(OutputTail, OneLongLineIsCutAnywhere) {
  OutputTail tail{5};
  tail.append("0123456789");
  EXPECT_EQ(tail.text(), "56789");
}

TEST(OutputTail, ManySmallAppendsStayBounded) {
  OutputTail tail{100};
  for (int i = 0; i < 10000; ++i) tail.append("line " + std::to_string(i) + "\n");
  const std::string text = tail.text();
  EXPECT_LE(text.size(), 100U);
  EXPECT_EQ(text.rfind("line ", 0), 0U);
  EXPECT_EQ(text.substr(text.size() - 10), "line 9999\n");
}

TEST(OutputTail, InvalidUtf8BecomesQuestionMarks) {
  const auto valid_utf8 = [](std::string_view bytes) {
    OutputTail whole{1000};
    whole.append(bytes);
    return whole.text();
  };
  EXPECT_EQ(valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a?b");
  EXPECT_EQ(valid_utf8("\xE2\x82"), "??") << "a character cut short";
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "??") << "an overlong form";
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "???") << "a surrogate";
  EXPECT_EQ(valid_utf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");

  OutputTail tail{3};
  tail.append("x\xE2\x82\xAC");  // the tail starts inside the euro sign
  EXPECT_EQ(tail.text(), "\xE2\x82\xAC");
  OutputTail cut{2};
  cut.append("\xE2\x82\xAC");
  EXPECT_EQ(cut.text(), "??");
}

}  // namespace
}  // namespace ckpt::cli
