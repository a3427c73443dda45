#include "core/lsn.hpp"

#include <charconv>
#include <cstdio>

namespace ckpt {
namespace {

std::optional<std::uint64_t> parse_hex(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value, 16);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

std::uint64_t segments_per_xlogid(std::uint64_t segment_size) {
  return 0x100000000ULL / segment_size;
}

}  // namespace

std::optional<Lsn> parse_lsn(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto high = parse_hex(text.substr(0, slash), 8);
  auto low = parse_hex(text.substr(slash + 1), 8);
  if (!high || !low) return std::nullopt;
  return Lsn{(*high << 32U) | *low};
}

std::string format_lsn(Lsn lsn) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%X/%X", static_cast<unsigned>(lsn.value >> 32U),
                static_cast<unsigned>(lsn.value & 0xFFFFFFFFULL));
  return buffer;
}

std::uint64_t wal_segment_number(Lsn lsn, std::uint64_t segment_size) {
  return lsn.value / segment_size;
}

std::string wal_file_name(std::uint32_t timeline, std::uint64_t segno, std::uint64_t segment_size) {
  const auto per_id = segments_per_xlogid(segment_size);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%08X%08X%08X", timeline,
                static_cast<unsigned>(segno / per_id), static_cast<unsigned>(segno % per_id));
  return buffer;
}

std::string wal_file_name_for(std::uint32_t timeline, Lsn lsn, std::uint64_t segment_size) {
  return wal_file_name(timeline, wal_segment_number(lsn, segment_size), segment_size);
}

std::optional<WalFileName> parse_wal_file_name(std::string_view name, std::uint64_t segment_size) {
  if (name.size() < 24) return std::nullopt;
  if (name.size() > 24 && name[24] != '.') return std::nullopt;
  for (std::size_t i = 0; i < 24; ++i) {
    const char c = name[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    if (!hex) return std::nullopt;
  }
  const auto timeline = parse_hex(name.substr(0, 8), 8);
  const auto log = parse_hex(name.substr(8, 8), 8);
  const auto seg = parse_hex(name.substr(16, 8), 8);
  const auto per_id = segments_per_xlogid(segment_size);
  if (!timeline || !log || !seg || *seg >= per_id || *timeline == 0) return std::nullopt;
  return WalFileName{static_cast<std::uint32_t>(*timeline), *log * per_id + *seg};
}

}  // namespace ckpt
