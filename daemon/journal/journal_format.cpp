#include "journal/journal_format.hpp"

#include <algorithm>
#include <optional>

#include "journal/crc32c.hpp"

namespace ckpt {
namespace {

void put_u32_le(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFFU));
  }
}

std::uint32_t get_u32_le(std::string_view bytes) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  }
  return value;
}

struct BadRecord {
  std::string problem;
  std::uint64_t claimed_end;  // where the record says it ends (may lie past EOF)
};

// What is wrong with the record at `offset`, or nullopt if it is good.
std::optional<BadRecord> check_record(std::string_view image, std::uint64_t offset) {
  const std::uint64_t remaining = image.size() - offset;
  if (remaining < kJournalRecordHeaderSize) {
    return BadRecord{"incomplete record header (" + std::to_string(remaining) + " of 8 bytes)",
                     image.size()};
  }
  const std::uint32_t length = get_u32_le(image.substr(offset, 4));
  const std::uint32_t stored_crc = get_u32_le(image.substr(offset + 4, 4));
  const std::uint64_t end = offset + kJournalRecordHeaderSize + length;
  if (length == 0) return BadRecord{"record length is 0", end};
  if (end > image.size()) {
    return BadRecord{"record length " + std::to_string(length) + " runs past the end of the file", end};
  }
  if (crc32c(image.substr(offset + kJournalRecordHeaderSize, length)) != stored_crc) {
    return BadRecord{"CRC mismatch", end};
  }
  return std::nullopt;
}

bool only_zero_bytes(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

}  // namespace

void encode_journal_record(std::string& out, std::string_view payload) {
  put_u32_le(out, static_cast<std::uint32_t>(payload.size()));
  put_u32_le(out, crc32c(payload));
  out.append(payload);
}

Result<JournalScan> scan_journal_image(std::string_view image, const std::filesystem::path& file) {
  if (image.substr(0, kJournalMagic.size()) != kJournalMagic) {
    return make_error(ErrorCode::internal,
                      "journal '" + file.string() + "' does not start with the magic \"" +
                          std::string{kJournalMagic} +
                          "\": it is not a checkpointd journal; move it away or point state_dir "
                          "at the right directory");
  }
  JournalScan scan;
  std::uint64_t offset = kJournalMagic.size();
  while (offset < image.size()) {
    const auto bad = check_record(image, offset);
    if (!bad) {
      const std::uint32_t length = get_u32_le(image.substr(offset, 4));
      scan.records.emplace_back(image.substr(offset + kJournalRecordHeaderSize, length));
      offset += kJournalRecordHeaderSize + length;
      continue;
    }
    const std::uint64_t rest_from = std::min<std::uint64_t>(bad->claimed_end, image.size());
    if (!only_zero_bytes(image.substr(rest_from))) {
      return make_error(ErrorCode::internal,
                        "journal '" + file.string() + "' is corrupt at byte offset " +
                            std::to_string(offset) + " (" + bad->problem + ") and " +
                            std::to_string(image.size() - rest_from) +
                            " bytes of later records follow, so this is not a torn final write; "
                            "refusing to start rather than lose acknowledged state (restore the "
                            "state directory from a backup or inspect the file)");
    }
    break;
  }
  scan.valid_end = std::min<std::uint64_t>(offset, image.size());
  return scan;
}

}  // namespace ckpt
