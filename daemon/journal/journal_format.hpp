// The journal's on-disk format, as pure functions over bytes (no IO):
//   "CKPTJNL1" then records [u32 LE payload length][u32 LE CRC-32C of payload][payload].
// Empty payloads are not valid records, so a zero-filled tail (left by some file
// systems after a crash) is never mistaken for data.
//
// scan_journal_image() tells a torn final write apart from corruption: a bad record is
// a torn tail when nothing but zero bytes follows where it claims to end (it is the
// last thing in the file); anything else after it means acknowledged records would be
// lost, and that is an error naming the file and the byte offset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt {

inline constexpr std::string_view kJournalMagic = "CKPTJNL1";
inline constexpr std::size_t kJournalRecordHeaderSize = 8;

// Appends the framed record for `payload` to `out`. `payload` must be non-empty and
// shorter than 4 GiB (checked by the caller).
void encode_journal_record(std::string& out, std::string_view payload);

struct JournalScan {
  std::vector<std::string> records;
  // Offset just past the last good record: the file's length when nothing is torn.
  std::uint64_t valid_end = 0;
};

// Reads a whole journal file image. `file` is only used in error messages.
Result<JournalScan> scan_journal_image(std::string_view image, const std::filesystem::path& file);

}  // namespace ckpt
