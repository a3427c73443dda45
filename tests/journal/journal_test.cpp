#include "journal/journal.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <thread>

#include "journal/journal_format.hpp"
#include "journal/scratch_dir.hpp"

namespace ckpt {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string read_file(const fs::path& file) {
  std::ifstream in{file, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, {}};
}

void write_file(const fs::path& file, std::string_view bytes) {
  std::ofstream out{file, std::ios::binary | std::ios::trunc};
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

Journal open_ok(const fs::path& file, Journal::Recovered& recovered) {
  auto journal = Journal::open(file, recovered);
  if (!journal) throw std::runtime_error(journal.error().message);
  return std::move(journal).value();
}

std::vector<std::string> reopen_records(const fs::path& file) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  EXPECT_EQ(recovered.torn_bytes_dropped, 0U);
  return recovered.records;
}

std::vector<std::string> reopen_records_after_close(Journal journal) {
  const fs::path file = journal.path();
  { const Journal closing = std::move(journal); }
  return reopen_records(file);
}

// Writes `records` through a journal at `file` and returns the file offset at which
// each record starts.
std::vector<std::size_t> write_records(const fs::path& file, const std::vector<std::string>& records) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  std::vector<std::size_t> starts;
  for (const auto& record : records) {
    starts.push_back(fs::file_size(file));
    EXPECT_TRUE(journal.append(record).ok());
  }
  return starts;
}

class JournalTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  fs::path file = dir / "journal";
  const std::vector<std::string> three{"first record", std::string(300, 'x'), "third: {\"k\":1}"};
};

TEST_F(JournalTest, OpenCreatesAnEmptyJournalWithTheMagic) {
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_TRUE(journal.ok()) << journal.error().message;
  EXPECT_TRUE(recovered.records.empty());
  EXPECT_EQ(read_file(file), "CKPTJNL1");
  EXPECT_FALSE(fs::exists(dir / "journal.tmp"));
}

TEST_F(JournalTest, AppendedRecordsComeBackOnReopenInOrder) {
  write_records(file, three);
  EXPECT_EQ(reopen_records(file), three);
}

TEST_F(JournalTest, RecordLayoutIsLengthCrcPayloadLittleEndian) {
  write_records(file, {"abc"});
  const std::string image = read_file(file);
  ASSERT_EQ(image.size(), 8U + 8U + 3U);
  EXPECT_EQ(image.substr(8, 4), std::string("\x03\x00\x00\x00", 4));
  EXPECT_EQ(image.substr(16), "abc");
}

TEST_F(JournalTest, TornTailAtEveryOffsetOfTheLastRecordIsDropped) {
  const auto starts = write_records(file, three);
  const std::string image = read_file(file);
  const std::size_t last_start = starts.back();
  for (std::size_t length = last_start + 1; length < image.size(); ++length) {
    SCOPED_TRACE("file cut to " + std::to_string(length) + " bytes");
    const fs::path copy = dir / ("cut-" + std::to_string(length));
    write_file(copy, image.substr(0, length));
    Journal::Recovered recovered;
    auto journal = Journal::open(copy, recovered);
    ASSERT_TRUE(journal.ok()) << journal.error().message;
    EXPECT_EQ(recovered.records, (std::vector<std::string>{three[0], three[1]}));
    EXPECT_EQ(recovered.torn_bytes_dropped, length - last_start);
    EXPECT_EQ(fs::file_size(copy), last_start);
  }
}

TEST_F(JournalTest, CrcFlipInTheLastRecordDropsOnlyThatRecord) {
  const auto starts = write_records(file, three);
  std::string image = read_file(file);
  image[starts.back() + 8] ^= 0x01;
  write_file(file, image);
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_TRUE(journal.ok()) << journal.error().message;
  EXPECT_EQ(recovered.records, (std::vector<std::string>{three[0], three[1]}));
  EXPECT_EQ(recovered.torn_bytes_dropped, image.size() - starts.back());
}

TEST_F(JournalTest, ZeroFilledTailAfterACrashIsDropped) {
  write_records(file, three);
  write_file(file, read_file(file) + std::string(4096, '\0'));
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_TRUE(journal.ok()) << journal.error().message;
  EXPECT_EQ(recovered.records, three);
  EXPECT_EQ(recovered.torn_bytes_dropped, 4096U);
}

TEST_F(JournalTest, CrcFlipInAMiddleRecordIsAnErrorNamingFileAndOffset) {
  const auto starts = write_records(file, three);
  std::string image = read_file(file);
  image[starts[1] + 20] ^= 0x40;
  write_file(file, image);
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_FALSE(journal.ok());
  EXPECT_THAT(journal.error().message, HasSubstr("journal '" + file.string() + "'"));
  EXPECT_THAT(journal.error().message, HasSubstr("byte offset " + std::to_string(starts[1]) + " (CRC mismatch)"));
  EXPECT_THAT(journal.error().message, HasSubstr("refusing to start"));
  EXPECT_EQ(read_file(file), image) << "a corrupt journal must not be modified";
}

TEST_F(JournalTest, CorruptLengthInAMiddleRecordIsAnError) {
  const auto starts = write_records(file, three);
  std::string image = read_file(file);
  image[starts[0] + 1] = '\x01';  // length of the first record grows by 256 bytes
  write_file(file, image);
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_FALSE(journal.ok());
  EXPECT_THAT(journal.error().message, HasSubstr("byte offset 8 (CRC mismatch)"));
}

TEST_F(JournalTest, BadMagicIsAnErrorNamingTheFile) {
  write_file(file, "NOTAJRNLxxxxxxxx");
  Journal::Recovered recovered;
  auto journal = Journal::open(file, recovered);
  ASSERT_FALSE(journal.ok());
  EXPECT_THAT(journal.error().message, HasSubstr("'" + file.string() + "'"));
  EXPECT_THAT(journal.error().message, HasSubstr("magic \"CKPTJNL1\""));
}

TEST_F(JournalTest, FileShorterThanTheMagicIsAnError) {
  write_file(file, "CKPT");
  Journal::Recovered recovered;
  EXPECT_FALSE(Journal::open(file, recovered).ok());
}

TEST_F(JournalTest, MissingDirectoryIsAnErrorNamingThePath) {
  Journal::Recovered recovered;
  auto journal = Journal::open(dir / "absent" / "journal", recovered);
  ASSERT_FALSE(journal.ok());
  EXPECT_THAT(journal.error().message, HasSubstr("absent"));
}

TEST_F(JournalTest, AppendAfterRecoveringATornTailSurvivesReopen) {
  const auto starts = write_records(file, three);
  const std::string image = read_file(file);
  write_file(file, image.substr(0, starts.back() + 5));
  {
    Journal::Recovered recovered;
    auto journal = open_ok(file, recovered);
    ASSERT_EQ(recovered.records.size(), 2U);
    ASSERT_TRUE(journal.append("after recovery").ok());
  }
  EXPECT_EQ(reopen_records(file), (std::vector<std::string>{three[0], three[1], "after recovery"}));
}

TEST_F(JournalTest, EmptyRecordIsRefusedAndChangesNothing) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  const auto result = journal.append("");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("empty record"));
  EXPECT_EQ(read_file(file), "CKPTJNL1");
}

// Caps the size of files this process may write (RLIMIT_FSIZE) for one scope, so that
// a write fails part-way with EFBIG as on a full disk.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit capped = saved_;
    capped.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &capped);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  ~FileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &saved_); }

 private:
  rlimit saved_{};
};

TEST_F(JournalTest, FailedWriteIsRolledBackAndTheJournalStaysUsable) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  ASSERT_TRUE(journal.append("before").ok());
  const auto size_before = fs::file_size(file);
  {
    const FileSizeLimit limit{size_before + 100};
    const auto failed = journal.append(std::string(1000, 'y'));
    ASSERT_FALSE(failed.ok());
    EXPECT_THAT(failed.error().message, HasSubstr("cannot write '" + file.string() + "'"));
  }
  EXPECT_EQ(fs::file_size(file), size_before);
  ASSERT_TRUE(journal.append("after").ok());
  EXPECT_EQ(reopen_records_after_close(std::move(journal)), (std::vector<std::string>{"before", "after"}));
}

TEST_F(JournalTest, AppendAllWritesEveryRecordInOrder) {
  {
    Journal::Recovered recovered;
    auto journal = open_ok(file, recovered);
    ASSERT_TRUE(journal.append_all(three).ok());
  }
  EXPECT_EQ(reopen_records(file), three);
}

TEST_F(JournalTest, AppendAllWithAnEmptyRecordWritesNone) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  const std::vector<std::string> batch{"good", ""};
  EXPECT_FALSE(journal.append_all(batch).ok());
  EXPECT_EQ(read_file(file), "CKPTJNL1");
}

TEST_F(JournalTest, RewriteKeepsTheGivenRecordsAndAppendsContinue) {
  {
    Journal::Recovered recovered;
    auto journal = open_ok(file, recovered);
    for (const auto& record : three) ASSERT_TRUE(journal.append(record).ok());
    ASSERT_TRUE(journal.rewrite({"compacted"}).ok());
    ASSERT_TRUE(journal.append("after compaction").ok());
  }
  EXPECT_FALSE(fs::exists(dir / "journal.tmp"));
  EXPECT_EQ(reopen_records(file), (std::vector<std::string>{"compacted", "after compaction"}));
}

TEST_F(JournalTest, SecondOpenOfTheSameFileIsRefusedWhileTheFirstIsOpen) {
  Journal::Recovered recovered;
  auto first = open_ok(file, recovered);
  auto second = Journal::open(file, recovered);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::unavailable);
  EXPECT_THAT(second.error().message, HasSubstr("another checkpointd"));
}

TEST_F(JournalTest, RewrittenJournalIsStillLockedAgainstASecondOpen) {
  Journal::Recovered recovered;
  auto first = open_ok(file, recovered);
  ASSERT_TRUE(first.rewrite({"one"}).ok());
  EXPECT_FALSE(Journal::open(file, recovered).ok());
}

TEST_F(JournalTest, ConcurrentAppendsAreAllKeptWhole) {
  {
    Journal::Recovered recovered;
    auto journal = open_ok(file, recovered);
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&journal, t] {
        for (int i = 0; i < 25; ++i) {
          EXPECT_TRUE(journal.append("writer " + std::to_string(t) + " record " + std::to_string(i)).ok());
        }
      });
    }
    for (auto& writer : writers) writer.join();
  }
  EXPECT_EQ(reopen_records(file).size(), 100U);
}

TEST_F(JournalTest, MovedJournalKeepsAppendingToTheSameFile) {
  Journal::Recovered recovered;
  auto journal = open_ok(file, recovered);
  Journal moved = std::move(journal);
  ASSERT_TRUE(moved.append("via moved").ok());
  EXPECT_EQ(moved.path(), file);
  EXPECT_EQ(read_file(file).substr(16), "via moved");
}

}  // namespace
}  // namespace ckpt
