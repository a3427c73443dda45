// Cron schedules for a cluster's restore drills. The five standard fields (minute hour
// day-of-month month day-of-week), or six with a leading seconds field; `*`, numbers,
// ranges `a-b`, steps `*/n` `a-b/n` `a/n`, lists `a,b`, month names jan..dec and day
// names sun..sat (any case; day 7 is Sunday too), and the macros @yearly (@annually),
// @monthly, @weekly, @daily (@midnight), @hourly. As in Vixie cron, when both day fields
// are restricted a day matching either one fires. Times are UTC. Pure functions.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "core/duration.hpp"
#include "core/result.hpp"

namespace ckpt {

struct CronSchedule {
  std::string text;  // as written
  std::bitset<60> seconds;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;     // 1..31
  std::bitset<13> months;   // 1..12
  std::bitset<7> weekdays;  // 0 = Sunday
  bool days_restricted = false;
  bool weekdays_restricted = false;
};

// bad_request naming the field, its column (1-based) and what is wrong; a schedule that
// never fires (e.g. 30 February) is refused too.
Result<CronSchedule> parse_cron(std::string_view text);

// The first time strictly after `after` (whole seconds) that the schedule fires; nullopt
// when it does not fire within the next five years.
std::optional<TimePoint> next_fire(const CronSchedule& schedule, TimePoint after);

// The longest time between two consecutive fires in the year after `from` (the interval
// an alert on an overdue drill waits for).
Millis longest_gap(const CronSchedule& schedule, TimePoint from);

}  // namespace ckpt
