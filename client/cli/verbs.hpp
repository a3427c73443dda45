// Carrying out a parsed Command against the daemon's API: one function per verb
// (verb_*.cpp), dispatched by execute_command. Results go to console.out in the chosen
// format, progress and errors to console.err; the return value is the exit code.
// Everything from outside (API, clocks, streams) comes in through VerbContext, so the
// verbs run in tests against a fake daemon without real time.
#pragma once

#include <functional>
#include <iosfwd>

#include "cli/api_client.hpp"
#include "cli/command.hpp"
#include "cli/waiting.hpp"

namespace ckpt::cli {

struct Console {
  std::ostream& out;
  std::ostream& err;
  // stdout is a terminal: `status --watch` redraws one line in place.
  bool out_is_terminal = false;
};

struct VerbContext {
  const ApiClient& api;
  Console& console;
  WaitClock wait_clock;                  // polling intervals and deadlines
  std::function<TimePoint()> wall_clock;  // ages and elapsed times shown
};

inline constexpr Millis kBeginPollInterval{250};
// A checkpoint reusing a fresh backup is ready within a fraction of a second: begin polls
// fast at first (20, 40, 80, 160 ms, then every kBeginPollInterval).
inline constexpr Millis kBeginFirstPoll{20};
inline constexpr Millis kRestorePollInterval{250};
inline constexpr Millis kWatchInterval{500};
inline constexpr Millis kMigrationPollInterval{250};

int execute_command(const Command& command, const VerbContext& context);

}  // namespace ckpt::cli
