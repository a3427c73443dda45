// Fuzzes the core's parsers of values written by people and by PostgreSQL: LSNs
// ("16/B374D848"), WAL segment file names, durations ("1h30m") and RFC 3339 times. Each
// must refuse or give a value that prints back to text that parses to the same value.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/duration.hpp"
#include "core/lsn.hpp"
#include "core/time_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto lsn = ckpt::parse_lsn(text)) {
    if (ckpt::parse_lsn(ckpt::format_lsn(*lsn)) != lsn) std::abort();
    (void)ckpt::wal_file_name_for(1, *lsn);
  }

  const std::uint64_t segment_size = std::uint64_t{1} << (20 + (size % 11));  // 1 MiB .. 1 GiB
  for (const std::uint64_t segment : {ckpt::kDefaultWalSegmentSize, segment_size}) {
    if (const auto name = ckpt::parse_wal_file_name(text, segment)) {
      if (ckpt::wal_file_name(name->timeline, name->segno, segment) != text.substr(0, 24)) std::abort();
    }
  }

  if (const auto duration = ckpt::parse_duration(text)) {
    if (duration->count() < 0 || ckpt::parse_duration(ckpt::format_duration(*duration)) != duration) std::abort();
  }

  if (const auto time = ckpt::parse_rfc3339(text)) {
    const auto again = ckpt::parse_rfc3339(ckpt::format_rfc3339(*time));
    if (!again || *again != std::chrono::floor<std::chrono::microseconds>(*time)) std::abort();
  }
  return 0;
}
