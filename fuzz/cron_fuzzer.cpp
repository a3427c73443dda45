// Fuzzes the cron parser of clusters[].drill.schedule: any text is refused with a message
// or gives a schedule that fires (parse_cron refuses one that never does), whose next fire
// is strictly later than the time asked about and lands on a second the schedule allows.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/cron.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto schedule = ckpt::parse_cron(text);
  if (!schedule) {
    if (schedule.error().message.empty()) std::abort();
    return 0;
  }
  const ckpt::TimePoint after{std::chrono::seconds{1'767'225'600 + static_cast<std::int64_t>(size) * 7919}};
  const auto fire = ckpt::next_fire(*schedule, after);
  if (!fire) std::abort();
  if (*fire <= after) std::abort();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(*fire).time_since_epoch().count();
  if (!schedule->seconds.test(static_cast<std::size_t>(seconds % 60))) std::abort();
  if (!schedule->minutes.test(static_cast<std::size_t>((seconds / 60) % 60))) std::abort();
  if (!schedule->hours.test(static_cast<std::size_t>((seconds / 3600) % 24))) std::abort();
  return 0;
}
