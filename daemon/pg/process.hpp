// Runs a child process (pg_basebackup, pg_ctl, ...) to completion with a deadline.
// Guarantees: the child runs in its own process group with stdin from /dev/null and
// stdout+stderr captured together (the last 64 KiB are kept); when the deadline
// passes the whole group gets SIGTERM, then SIGKILL 2 s later, and the call returns
// ErrorCode::deadline_exceeded naming the command. A program that cannot be started
// is an error naming it. Blocking: call it from a thread pool, never an IO thread.
// Secrets never belong in argv (which `ps` shows): pass them through env, e.g. PGPASSFILE.
// A child's output enters checkpointd only through run_process, and redacted
// (obs/redact.hpp: password=..., a URL's user:password@, Bearer tokens), so neither an
// error built from it nor a log line can carry such a credential; describe_command
// redacts each argument the same way. With ProcessSpec::log set, run_process logs the
// command it runs and how it ended at debug level through that logger.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "obs/context_logger.hpp"

namespace ckpt::pg {

struct ProcessSpec {
  std::vector<std::string> argv;                         // argv[0]: path of the program
  std::vector<std::pair<std::string, std::string>> env;  // added to (or replacing in) the environment
  std::filesystem::path cwd;                             // empty: inherit
  std::chrono::milliseconds timeout{60'000};
  std::optional<obs::ContextLogger> log;  // debug lines of the command and its end
};

struct ProcessOutput {
  int exit_code = 0;   // 128 + signal number when the child was killed by a signal
  std::string output;  // stdout+stderr, last 64 KiB, redacted
};

Result<ProcessOutput> run_process(const ProcessSpec& spec);

// Sends SIGTERM to the process group of every child run_process is running now (used
// by a stopping daemon so that its blocking threads return promptly). Children also
// die on their own when the daemon dies (PR_SET_PDEATHSIG), even by SIGKILL.
void terminate_child_processes();

// The command line as a person would type it, for messages (argv only, no env), each
// argument redacted.
std::string describe_command(const std::vector<std::string>& argv);

// The last `count` non-empty lines of a command's output, trimmed and joined with "; "
// (for one-line error messages).
std::string last_lines_of(std::string_view output, std::size_t count);
inline std::string last_line_of(std::string_view output) { return last_lines_of(output, 1); }

}  // namespace ckpt::pg
