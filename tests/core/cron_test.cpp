// Cron schedules of restore drills: parsing (fields, ranges, steps, lists, names, macros,
// errors naming field and column) and the next fire time, table-tested in UTC.
#include "core/cron.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace ckpt {
namespace {

TimePoint at(const char* text) {
  return *parse_rfc3339(text);
}

std::string next_after(const char* schedule, const char* after) {
  const auto parsed = parse_cron(schedule);
  if (!parsed) return "error: " + parsed.error().message;
  const auto next = next_fire(*parsed, at(after));
  return next ? format_rfc3339(*next).substr(0, 19) : "never";
}

struct NextCase {
  const char* schedule;
  const char* after;
  const char* expected;
};

void PrintTo(const NextCase& c, std::ostream* out) {
  *out << '"' << c.schedule << "\" after " << c.after;
}

class CronNextFire : public ::testing::TestWithParam<NextCase> {};

TEST_P(CronNextFire, FiresAtTheFirstMatchingSecondAfter) {
  const auto& c = GetParam();
  EXPECT_EQ(next_after(c.schedule, c.after), c.expected) << c.schedule << " after " << c.after;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CronNextFire,
    ::testing::Values(NextCase{"* * * * *", "2026-12-06T10:15:30Z", "2026-12-06T10:16:00"},
                      NextCase{"0 3 * * *", "2026-12-06T03:00:00Z", "2026-12-07T03:00:00"},  // strictly after
                      NextCase{"0 3 * * *", "2026-12-06T02:59:59Z", "2026-12-06T03:00:00"},
                      NextCase{"*/15 * * * *", "2026-12-06T10:16:00Z", "2026-12-06T10:30:00"},
                      NextCase{"5-10/5 * * * *", "2026-12-06T10:06:00Z", "2026-12-06T10:10:00"},
                      NextCase{"0 0 1 jan *", "2026-12-06T00:00:00Z", "2027-01-01T00:00:00"},
                      NextCase{"0 0 * * SUN", "2026-12-06T00:00:00Z", "2026-12-13T00:00:00"},  // 2026-12-06 is a Sunday
                      NextCase{"0 0 * * 7", "2026-12-07T00:00:00Z", "2026-12-13T00:00:00"},    // 7 is Sunday too
                      NextCase{"0 0 * * mon-fri", "2026-12-05T12:00:00Z", "2026-12-07T00:00:00"},
                      // Both day fields restricted: either one fires (the 13th, or a Friday).
                      NextCase{"0 0 13 * 5", "2026-12-06T00:00:00Z", "2026-12-11T00:00:00"},
                      NextCase{"0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00"},
                      NextCase{"0 0 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00"},
                      NextCase{"30 0 0 * * *", "2026-12-06T00:00:30Z",
                               "2026-12-07T00:00:30"},  // six fields: seconds first
                      NextCase{"*/10 * * * * *", "2026-12-06T10:00:01Z", "2026-12-06T10:00:10"},
                      NextCase{"0,30 9 * * *", "2026-12-06T09:15:00Z", "2026-12-06T09:30:00"},
                      NextCase{"@daily", "2026-12-06T10:00:00Z", "2026-12-07T00:00:00"},
                      NextCase{"@HOURLY", "2026-12-06T10:00:00Z", "2026-12-06T11:00:00"},
                      NextCase{"@weekly", "2026-12-06T10:00:00Z", "2026-12-13T00:00:00"},
                      NextCase{"@monthly", "2026-12-06T10:00:00Z", "2027-01-01T00:00:00"},
                      NextCase{"@yearly", "2026-12-06T10:00:00Z", "2027-01-01T00:00:00"},
                      NextCase{"0 3 * * *", "2026-12-31T23:59:59.900Z", "2027-01-01T03:00:00"}));

struct ErrorCase {
  const char* schedule;
  const char* message;
};

void PrintTo(const ErrorCase& c, std::ostream* out) {
  *out << '"' << c.schedule << '"';
}

class CronErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CronErrors, NameWhatIsWrongAndWhere) {
  const auto& c = GetParam();
  const auto parsed = parse_cron(c.schedule);
  ASSERT_FALSE(parsed) << c.schedule;
  EXPECT_EQ(parsed.error().code, ErrorCode::bad_request);
  EXPECT_THAT(parsed.error().message, ::testing::HasSubstr(c.message)) << c.schedule;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CronErrors,
    ::testing::Values(
        ErrorCase{"", "has 0 fields"}, ErrorCase{"* * * *", "has 4 fields"}, ErrorCase{"* * * * * * *", "has 7 fields"},
        ErrorCase{"60 * * * *", "minute field '60' at column 1: '60' is outside 0-59"},
        ErrorCase{"0 24 * * *", "hour field '24' at column 3"},
        ErrorCase{"0 0 0 * *", "day-of-month field '0' at column 5"}, ErrorCase{"0 0 * 13 *", "month field '13'"},
        ErrorCase{"0 0 * * 8", "day-of-week field '8'"}, ErrorCase{"0 0 * * fun", "'fun' is not a value"},
        ErrorCase{"*/0 * * * *", "the step '0' must be a positive number"},
        ErrorCase{"*/ * * * *", "the step '' must be a positive number"}, ErrorCase{"10-5 * * * *", "runs backwards"},
        ErrorCase{"1,,2 * * * *", "an empty list item"}, ErrorCase{"0 0 30 2 *", "never fires"},
        ErrorCase{"@reboot", "cron macro '@reboot' is not one of"}));

TEST(CronGap, TheLongestGapIsTheIntervalAnOverdueAlertWaitsFor) {
  EXPECT_EQ(longest_gap(*parse_cron("0 3 * * *"), at("2026-12-06T00:00:00Z")), std::chrono::hours{24});
  EXPECT_EQ(longest_gap(*parse_cron("0 3 * * 1,4"), at("2026-12-06T00:00:00Z")), std::chrono::hours{24 * 4});
  EXPECT_EQ(longest_gap(*parse_cron("*/20 * * * * *"), at("2026-12-06T00:00:00Z")), std::chrono::seconds{20});
}

}  // namespace
}  // namespace ckpt
