// Runs one command to its end for `checkpointctl run -- CMD`, in the foreground:
// - spawn: posix_spawnp (PATH lookup, argv as given), the inherited environment with
//   `environment` set on top, stdin inherited; SIGPIPE back to its default and an
//   empty signal mask in the child;
// - output: the child's stdout and stderr share one pipe, passed to `output` chunk by
//   chunk as it arrives and kept as a bounded tail (OutputTail);
// - signals: SIGINT and SIGTERM sent to this process while the child runs are
//   forwarded to it with kill(); the handlers only write the signal number to a
//   self-pipe, the loop does the rest. A signal the terminal sent to the whole
//   foreground process group (si_code SI_KERNEL) reached the child already and is not
//   sent twice; a signal this process ignores stays ignored (and the child inherits
//   that). The previous handlers are back in place when run_child returns;
// - no leaks: our descriptors are O_CLOEXEC and every descriptor above 2 is closed
//   in the child;
// - the end: waitpid. A child that exits while something it started still holds the
//   pipe open is not waited for beyond what is already readable.
// A command that cannot start is reported like a shell does: 127 (not found) or 126
// (not executable), with the reason in spawn_error and output. One child at a time
// per process.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ckpt::cli {

struct ChildRequest {
  std::vector<std::string> argv;                                 // argv[0] is looked up in PATH unless it holds a '/'
  std::vector<std::pair<std::string, std::string>> environment;  // set or replaced in the child
  std::size_t output_limit = std::size_t{64} * 1024;             // bytes of output kept (the tail)
};

struct ChildCallbacks {
  std::function<void(std::string_view chunk)> output;  // the child's output as it arrives
  std::function<void(int signal)> forwarded;           // after a signal was forwarded to it
  std::function<void(pid_t pid)> started;              // once it runs
};

struct ChildExit {
  int exit_code = 0;   // its exit status; 128+n when signal n ended it; 126/127 when it did not start
  std::string signal;  // "SIGKILL" when a signal ended it, else empty
  std::string output;  // the tail of its output, at most output_limit bytes, valid UTF-8
  double duration_seconds = 0;
  std::string spawn_error;  // why it did not start; empty when it ran
};

ChildExit run_child(const ChildRequest& request, const ChildCallbacks& callbacks = {});

// "SIGTERM" for SIGTERM; "signal 77" for a number without a name.
std::string signal_name(int signal);

}  // namespace ckpt::cli
