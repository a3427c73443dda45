#include "core/cron.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <vector>

namespace ckpt {
namespace {

using namespace std::chrono;

struct FieldSpec {
  const char* name;
  int low;
  int high;
  std::array<const char*, 12> names;  // names for low, low+1, ... (empty: none)
  int names_start;
};

constexpr FieldSpec kSeconds{"second", 0, 59, {}, 0};
constexpr FieldSpec kMinutes{"minute", 0, 59, {}, 0};
constexpr FieldSpec kHours{"hour", 0, 23, {}, 0};
constexpr FieldSpec kDays{"day-of-month", 1, 31, {}, 0};
constexpr FieldSpec kMonths{
    "month", 1, 12, {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}, 1};
// 7 is Sunday as well; folded to 0 after parsing.
constexpr FieldSpec kWeekdays{"day-of-week", 0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, 0};

struct Token {
  std::string_view text;
  std::size_t column = 0;  // 1-based
};

std::vector<Token> split_fields(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    const std::size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i > start) tokens.push_back({text.substr(start, i - start), start + 1});
  }
  return tokens;
}

Error field_error(const FieldSpec& spec, const Token& token, const std::string& what) {
  return make_error(ErrorCode::bad_request, "cron " + std::string{spec.name} + " field '" + std::string{token.text} +
                                                "' at column " + std::to_string(token.column) + ": " + what);
}

std::string lowercase(std::string_view text) {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A number or a name of the field.
std::optional<int> value_of(const FieldSpec& spec, std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  if (const auto [ptr, ec] = std::from_chars(text.data(), end, value); ec == std::errc{} && ptr == end) return value;
  const std::string name = lowercase(text);
  for (std::size_t i = 0; i < spec.names.size() && spec.names[i] != nullptr; ++i) {
    if (name == spec.names[i]) return spec.names_start + static_cast<int>(i);
  }
  return std::nullopt;
}

// One comma-separated part: `*`, `a`, `a-b`, each optionally `/step`.
Result<void> add_part(const FieldSpec& spec, const Token& field, std::string_view part, std::vector<bool>& set) {
  std::string_view range = part;
  int step = 1;
  bool stepped = false;
  if (const auto slash = part.find('/'); slash != std::string_view::npos) {
    range = part.substr(0, slash);
    const auto step_text = part.substr(slash + 1);
    const auto* end = step_text.data() + step_text.size();
    const auto [ptr, ec] = std::from_chars(step_text.data(), end, step);
    if (step_text.empty() || ec != std::errc{} || ptr != end || step < 1) {
      return field_error(spec, field, "the step '" + std::string{step_text} + "' must be a positive number");
    }
    stepped = true;
  }
  int first = spec.low;
  int last = spec.high;
  if (range != "*") {
    const auto dash = range.find('-');
    const auto first_text = range.substr(0, dash);
    const auto parsed_first = value_of(spec, first_text);
    if (!parsed_first) return field_error(spec, field, "'" + std::string{first_text} + "' is not a value");
    first = *parsed_first;
    if (dash != std::string_view::npos) {
      const auto last_text = range.substr(dash + 1);
      const auto parsed_last = value_of(spec, last_text);
      if (!parsed_last) return field_error(spec, field, "'" + std::string{last_text} + "' is not a value");
      last = *parsed_last;
    } else if (!stepped) {
      last = first;
    }
  }
  if (first < spec.low || last > spec.high || first > last) {
    return field_error(spec, field,
                       "'" + std::string{range} + "' is outside " + std::to_string(spec.low) + "-" +
                           std::to_string(spec.high) + (first > last ? " or runs backwards" : ""));
  }
  for (int value = first; value <= last; value += step) set[static_cast<std::size_t>(value)] = true;
  return {};
}

// The values a field allows, and whether it restricts anything (not `*`).
Result<std::vector<bool>> parse_field(const FieldSpec& spec, const Token& field) {
  std::vector<bool> set(static_cast<std::size_t>(spec.high) + 1, false);
  std::string_view rest = field.text;
  while (true) {
    const auto comma = rest.find(',');
    const auto part = rest.substr(0, comma);
    if (part.empty()) return field_error(spec, field, "an empty list item");
    if (auto added = add_part(spec, field, part, set); !added) return added.error();
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return set;
}

template <std::size_t N>
std::bitset<N> to_bits(const std::vector<bool>& set) {
  std::bitset<N> bits;
  for (std::size_t i = 0; i < N && i < set.size(); ++i) bits[i] = set[i];
  return bits;
}

std::string_view expand_macro(std::string_view text) {
  if (text == "@yearly" || text == "@annually") return "0 0 1 1 *";
  if (text == "@monthly") return "0 0 1 * *";
  if (text == "@weekly") return "0 0 * * 0";
  if (text == "@daily" || text == "@midnight") return "0 0 * * *";
  if (text == "@hourly") return "0 * * * *";
  return {};
}

bool day_matches(const CronSchedule& schedule, const year_month_day& date) {
  const bool by_day = schedule.days[static_cast<unsigned>(date.day())];
  const bool by_weekday = schedule.weekdays[weekday{sys_days{date}}.c_encoding()];
  if (schedule.days_restricted && schedule.weekdays_restricted) return by_day || by_weekday;
  if (schedule.days_restricted) return by_day;
  if (schedule.weekdays_restricted) return by_weekday;
  return true;
}

}  // namespace

Result<CronSchedule> parse_cron(std::string_view text) {
  std::string_view fields_text = text;
  if (!text.empty() && text.front() == '@') {
    const std::string macro = lowercase(text);
    fields_text = expand_macro(macro);
    if (fields_text.empty()) {
      return make_error(ErrorCode::bad_request,
                        "cron macro '" + std::string{text} +
                            "' is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
    }
  }
  auto tokens = split_fields(fields_text);
  if (tokens.size() == 5) tokens.insert(tokens.begin(), Token{"0", 0});
  if (tokens.size() != 6) {
    return make_error(ErrorCode::bad_request, "cron schedule '" + std::string{text} + "' has " +
                                                  std::to_string(split_fields(fields_text).size()) +
                                                  " fields; give 5 (minute hour day-of-month month day-of-week) "
                                                  "or 6 (with a leading second)");
  }
  const std::array<const FieldSpec*, 6> specs{&kSeconds, &kMinutes, &kHours, &kDays, &kMonths, &kWeekdays};
  std::array<std::vector<bool>, 6> sets;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto set = parse_field(*specs[i], tokens[i]);
    if (!set) return set.error();
    sets[i] = std::move(set).value();
  }
  if (sets[5][7]) sets[5][0] = true;
  CronSchedule schedule;
  schedule.text = std::string{text};
  schedule.seconds = to_bits<60>(sets[0]);
  schedule.minutes = to_bits<60>(sets[1]);
  schedule.hours = to_bits<24>(sets[2]);
  schedule.days = to_bits<32>(sets[3]);
  schedule.months = to_bits<13>(sets[4]);
  schedule.weekdays = to_bits<7>(sets[5]);
  schedule.days_restricted = tokens[3].text != "*";
  schedule.weekdays_restricted = tokens[5].text != "*";
  // Every day a schedule can name comes round within five years of any start.
  if (!next_fire(schedule, TimePoint{})) {
    return make_error(ErrorCode::bad_request,
                      "cron schedule '" + std::string{text} + "' never fires (no such day in any month it names)");
  }
  return schedule;
}

std::optional<TimePoint> next_fire(const CronSchedule& schedule, TimePoint after) {
  auto t = floor<seconds>(after) + seconds{1};
  const auto horizon = t + days{5 * 366};
  while (t < horizon) {
    const auto day_start = floor<days>(t);
    const year_month_day date{day_start};
    if (!schedule.months[static_cast<unsigned>(date.month())]) {
      const auto next_month = year_month_day{date.year() / date.month() / 1} + months{1};
      t = sys_days{next_month};
      continue;
    }
    if (!day_matches(schedule, date)) {
      t = day_start + days{1};
      continue;
    }
    const hh_mm_ss time{t - day_start};
    if (!schedule.hours[static_cast<std::size_t>(time.hours().count())]) {
      t = floor<hours>(t) + hours{1};
      continue;
    }
    if (!schedule.minutes[static_cast<std::size_t>(time.minutes().count())]) {
      t = floor<minutes>(t) + minutes{1};
      continue;
    }
    if (!schedule.seconds[static_cast<std::size_t>(time.seconds().count())]) {
      t += seconds{1};
      continue;
    }
    return time_point_cast<system_clock::duration>(t);
  }
  return std::nullopt;
}

Millis longest_gap(const CronSchedule& schedule, TimePoint from) {
  constexpr int kMostFires = 100'000;  // beyond that the gap is minutes at most
  const auto end = from + days{366};
  auto previous = next_fire(schedule, from);
  Millis longest{0};
  for (int fired = 0; previous && *previous < end && fired < kMostFires; ++fired) {
    const auto next = next_fire(schedule, *previous);
    if (!next) break;
    longest = std::max(longest, duration_cast<Millis>(*next - *previous));
    previous = next;
  }
  return longest;
}

}  // namespace ckpt
