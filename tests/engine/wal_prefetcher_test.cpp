#include "engine/local/wal_prefetcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/temp_dir.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Polls `condition` for up to 5 s.
template <typename F>
bool eventually(F condition) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

TEST(SegmentsBetween, ListsEverySegmentFromBeginToTargetAcrossTheFourGigabyteBoundary) {
  const auto names = segments_between(1, *parse_lsn("0/FE000028"), *parse_lsn("1/01000000"), kDefaultWalSegmentSize);
  EXPECT_EQ(names, (std::vector<std::string>{"0000000100000000000000FE", "0000000100000000000000FF",
                                             "000000010000000100000000", "000000010000000100000001"}));
}

class WalPrefetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directory(archive());
    fs::create_directory(spool());
    segments_ = segments_between(1, *parse_lsn("0/1000000"), *parse_lsn("0/8000000"), kDefaultWalSegmentSize);
    for (const auto& name : segments_) std::ofstream{archive() / name} << "wal of " << name;
  }

  fs::path archive() const { return temp_.path() / "archive"; }
  fs::path spool() const { return temp_.path() / "spool"; }
  bool spooled(std::size_t index) const { return fs::exists(spool() / segments_[index]); }

  test::TempDir temp_{"ckpt-prefetch"};
  std::vector<std::string> segments_;
};

TEST_F(WalPrefetcherTest, StaysAWindowAheadOfWhatRecoveryTook) {
  WalPrefetcher prefetcher{{archive(), spool(), segments_, 2, 3}};
  ASSERT_TRUE(eventually([&] { return spooled(0) && spooled(1) && spooled(2); }));
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(spooled(3)) << "no more than the window";
  std::ifstream copied{spool() / segments_[0]};
  std::string content;
  std::getline(copied, content);
  EXPECT_EQ(content, "wal of " + segments_[0]);

  fs::rename(spool() / segments_[0], temp_.path() / "RECOVERYXLOG");  // what restore_command does
  ASSERT_TRUE(eventually([&] { return spooled(3); }));
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(spooled(4));

  fs::remove(spool() / segments_[2]);  // recovery took 2: 1 is stale and goes
  ASSERT_TRUE(eventually([&] { return !spooled(1) && spooled(4) && spooled(5); }));
  prefetcher.stop();
  const auto stats = prefetcher.stats();
  EXPECT_EQ(stats.consumed, 2U);
  EXPECT_EQ(stats.missing, 0U);
  for (const auto& entry : fs::directory_iterator(spool())) {
    EXPECT_FALSE(entry.path().string().ends_with(".tmp")) << entry.path();
  }
}

TEST_F(WalPrefetcherTest, SkipsSegmentsMissingFromTheArchive) {
  fs::remove(archive() / segments_[1]);
  WalPrefetcher prefetcher{{archive(), spool(), segments_, 2, 64}};
  ASSERT_TRUE(eventually([&] { return spooled(segments_.size() - 1); }));
  prefetcher.stop();
  EXPECT_FALSE(spooled(1));
  EXPECT_EQ(prefetcher.stats().missing, 1U);
  EXPECT_EQ(prefetcher.stats().fetched, segments_.size() - 1);
  EXPECT_FALSE(prefetcher.stats().first_error);
}

TEST_F(WalPrefetcherTest, CountsWhatRecoveryTookAfterTheLastSegmentWasSpooled) {
  WalPrefetcher prefetcher{{archive(), spool(), segments_, 2, 64}};
  ASSERT_TRUE(eventually([&] {
    for (std::size_t index = 0; index < segments_.size(); ++index) {
      if (!spooled(index)) return false;
    }
    return true;
  }));
  std::this_thread::sleep_for(50ms);  // the workers have nothing left to fetch
  for (const auto& name : segments_) fs::rename(spool() / name, temp_.path() / "RECOVERYXLOG");
  prefetcher.stop();
  const auto stats = prefetcher.stats();
  EXPECT_EQ(stats.fetched, segments_.size());
  EXPECT_EQ(stats.consumed, segments_.size()) << "every spooled segment recovery moved out is counted as taken";
}

}  // namespace
}  // namespace ckpt::engine::local
