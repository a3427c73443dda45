#include "core/duration.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <limits>

namespace ckpt {
namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t millis;
};

// Longest suffixes first so that "ms" is not read as "m" followed by garbage.
constexpr std::array kUnits{Unit{"ms", 1}, Unit{"d", 86'400'000}, Unit{"h", 3'600'000},
                            Unit{"m", 60'000}, Unit{"s", 1'000}};

}  // namespace

std::optional<Millis> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::int64_t number = 0;
    const std::size_t digits_start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
      if (number > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
      number = number * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == digits_start) return std::nullopt;
    const Unit* unit = nullptr;
    for (const auto& candidate : kUnits) {
      if (text.substr(pos, candidate.suffix.size()) == candidate.suffix) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) return std::nullopt;
    pos += unit->suffix.size();
    if (number > std::numeric_limits<std::int64_t>::max() / unit->millis) return std::nullopt;
    const std::int64_t part = number * unit->millis;
    if (total > std::numeric_limits<std::int64_t>::max() - part) return std::nullopt;
    total += part;
  }
  return Millis{total};
}

std::string format_duration(Millis duration) {
  std::int64_t rest = duration.count();
  if (rest == 0) return "0s";
  const bool negative = rest < 0;
  if (negative) rest = -rest;
  std::string out;
  out.reserve(24);
  if (negative) out.push_back('-');
  for (const auto& unit : {Unit{"h", 3'600'000}, Unit{"m", 60'000}, Unit{"s", 1'000}, Unit{"ms", 1}}) {
    if (rest >= unit.millis) {
      out.append(std::to_string(rest / unit.millis));
      out.append(unit.suffix);
      rest %= unit.millis;
    }
  }
  return out;
}

}  // namespace ckpt
