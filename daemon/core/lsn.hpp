// PostgreSQL write-ahead-log positions: parsing and printing the "X/X" form, ordering,
// and the 24-hex-digit WAL segment file names derived from (timeline, LSN), computed
// rather than globbed so that names past 4 GB ("000000010000000100000086") are right.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ckpt {

struct Lsn {
  std::uint64_t value = 0;
  auto operator<=>(const Lsn&) const = default;
};

inline constexpr std::uint64_t kDefaultWalSegmentSize = 16ULL * 1024 * 1024;

// Parses "16/B374D848" (1-8 hex digits each side). nullopt for anything else.
std::optional<Lsn> parse_lsn(std::string_view text);
// "16/B374D848", upper-case hex, no leading zeros (PostgreSQL's own form).
std::string format_lsn(Lsn lsn);

// Segment number holding the byte at `lsn`.
std::uint64_t wal_segment_number(Lsn lsn, std::uint64_t segment_size = kDefaultWalSegmentSize);
// File name of segment `segno` on `timeline`: 8 hex digits of timeline, 8 of the
// "log id" (segno / segments per 4 GB) and 8 of the segment within it.
std::string wal_file_name(std::uint32_t timeline, std::uint64_t segno,
                          std::uint64_t segment_size = kDefaultWalSegmentSize);
// File name of the segment holding `lsn` on `timeline`.
std::string wal_file_name_for(std::uint32_t timeline, Lsn lsn,
                              std::uint64_t segment_size = kDefaultWalSegmentSize);

struct WalFileName {
  std::uint32_t timeline = 0;
  std::uint64_t segno = 0;
};
// Parses a WAL segment name, also with a suffix such as ".partial" or
// ".00000028.backup" (the segment part is returned). nullopt for history files and
// anything that is not a segment name.
std::optional<WalFileName> parse_wal_file_name(std::string_view name,
                                               std::uint64_t segment_size = kDefaultWalSegmentSize);

}  // namespace ckpt
