#include "pg/process.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include "core/duration.hpp"
#include "obs/redact.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in any header

namespace ckpt::pg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kOutputLimit = 64 * 1024;
constexpr auto kKillGrace = std::chrono::seconds(2);
constexpr auto kPollSlice = std::chrono::milliseconds(50);

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::vector<std::string> merged_environment(const ProcessSpec& spec) {
  std::vector<std::string> merged;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text{*entry};
    const auto key = text.substr(0, text.find('='));
    const bool replaced =
        std::any_of(spec.env.begin(), spec.env.end(), [&](const auto& variable) { return variable.first == key; });
    if (!replaced) merged.emplace_back(text);
  }
  for (const auto& [key, value] : spec.env) merged.push_back(key + "=" + value);
  return merged;
}

std::vector<char*> c_pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

void append_bounded(std::string& output, const char* data, std::size_t size) {
  output.append(data, size);
  if (output.size() > 2 * kOutputLimit) output.erase(0, output.size() - kOutputLimit);
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Non-blocking check for the child's exit; fills `status` when it has exited.
bool child_exited(pid_t pid, int& status) {
  for (;;) {
    const pid_t waited = ::waitpid(pid, &status, WNOHANG);
    if (waited == pid) return true;
    if (waited < 0 && errno == EINTR) continue;
    return waited < 0;  // ECHILD: already reaped, nothing left to wait for
  }
}

// Reads everything currently buffered in the (non-blocking) pipe.
void drain(int fd, std::string& output) {
  char buffer[8192];
  for (;;) {
    const auto count = ::read(fd, buffer, sizeof buffer);
    if (count > 0) {
      append_bounded(output, buffer, static_cast<std::size_t>(count));
    } else if (count < 0 && errno == EINTR) {
      continue;
    } else {
      return;
    }
  }
}

// SIGTERM to the group, SIGKILL after the grace period; always reaps the child.
void stop_group(pid_t pid) {
  ::kill(-pid, SIGTERM);
  const auto give_up = Clock::now() + kKillGrace;
  int status = 0;
  while (Clock::now() < give_up) {
    if (child_exited(pid, status)) {
      ::kill(-pid, SIGKILL);  // stragglers of the group
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

// Children that run now, by process group, so that a stopping daemon can end them.
class RunningChildren {
 public:
  void add(pid_t pid) {
    std::lock_guard lock(mutex_);
    pids_.insert(pid);
  }
  void remove(pid_t pid) {
    std::lock_guard lock(mutex_);
    pids_.erase(pid);
  }
  void terminate_all() {
    std::lock_guard lock(mutex_);
    for (const pid_t pid : pids_) ::kill(-pid, SIGTERM);
  }

 private:
  std::mutex mutex_;
  std::set<pid_t> pids_;
};

RunningChildren& running_children() {
  static RunningChildren children;
  return children;
}

// The program's path as execve needs it: as given when it has a '/', else from PATH.
std::string resolve_program(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::string_view directories{path != nullptr ? path : "/usr/bin:/bin"};
  while (!directories.empty()) {
    const auto colon = directories.find(':');
    const auto directory = directories.substr(0, colon);
    std::string candidate = std::string{directory.empty() ? "." : directory} + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) break;
    directories.remove_prefix(colon + 1);
  }
  return program;
}

// In the child between fork and exec: only async-signal-safe calls. The child dies
// with the thread that started it (PR_SET_PDEATHSIG), so a daemon killed with SIGKILL
// leaves no pg_basebackup writing into a directory a restarted daemon redoes.
[[noreturn]] void exec_child(const char* program, char* const* argv, char* const* envp, const char* cwd,
                             int output_fd, int error_fd, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  ::setpgid(0, 0);
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal_number = 1; signal_number < NSIG; ++signal_number) ::sigaction(signal_number, &default_action, nullptr);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  ::sigprocmask(SIG_SETMASK, &no_signals, nullptr);
  const int null_fd = ::open("/dev/null", O_RDONLY);
  const bool ready = null_fd >= 0 && ::dup2(null_fd, STDIN_FILENO) >= 0 && ::dup2(output_fd, STDOUT_FILENO) >= 0 &&
                     ::dup2(output_fd, STDERR_FILENO) >= 0 && (cwd == nullptr || ::chdir(cwd) == 0);
  // Nothing of the daemon's leaks into the child: a PostgreSQL started by pg_ctl would
  // otherwise keep the API socket and the journal's lock open after the daemon exits.
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    const long limit = ::sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < limit; ++fd) ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
  }
  if (ready) ::execve(program, argv, envp);
  const int failure = errno;
  [[maybe_unused]] const auto written = ::write(error_fd, &failure, sizeof failure);
  ::_exit(127);
}

Result<pid_t> spawn(const ProcessSpec& spec, int output_fd) {
  auto arguments = spec.argv;
  auto environment = merged_environment(spec);
  auto argument_pointers = c_pointers(arguments);
  auto environment_pointers = c_pointers(environment);
  const std::string program = resolve_program(spec.argv.front());
  const std::string cwd = spec.cwd.string();
  int error_pipe[2];
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) {
    return make_error(ErrorCode::engine_error, "cannot run " + spec.argv.front() + ": pipe: " + std::strerror(errno));
  }
  FileDescriptor error_read{error_pipe[0]};
  FileDescriptor error_write{error_pipe[1]};
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    return make_error(ErrorCode::engine_error, "cannot run " + spec.argv.front() + ": fork: " + std::strerror(errno));
  }
  if (pid == 0) {
    exec_child(program.c_str(), argument_pointers.data(), environment_pointers.data(),
               cwd.empty() ? nullptr : cwd.c_str(), output_fd, error_write.get(), parent);
  }
  ::setpgid(pid, pid);  // also from the parent, so kill(-pid) works at once
  error_write.reset();
  int failure = 0;
  ssize_t got = 0;
  do {
    got = ::read(error_read.get(), &failure, sizeof failure);
  } while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof failure)) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::string message = "cannot run " + spec.argv.front() + ": " + std::strerror(failure);
    if (!spec.cwd.empty()) message += " (working directory " + spec.cwd.string() + ")";
    return make_error(ErrorCode::engine_error, std::move(message));
  }
  running_children().add(pid);
  return pid;
}

}  // namespace

void terminate_child_processes() { running_children().terminate_all(); }

std::string describe_command(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& given : argv) {
    if (!text.empty()) text += ' ';
    const std::string argument = obs::redact(given);
    const bool plain = !argument.empty() && argument.find_first_of(" \t\n'\"\\$`;&|<>*?()") == std::string::npos;
    if (plain) {
      text += argument;
      continue;
    }
    text += '\'';
    for (const char c : argument) text += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    text += '\'';
  }
  return text;
}

std::string last_lines_of(std::string_view output, std::size_t count) {
  std::vector<std::string_view> lines;
  while (!output.empty() && lines.size() < count) {
    const auto newline = output.find_last_of('\n');
    auto line = newline == std::string_view::npos ? output : output.substr(newline + 1);
    output = output.substr(0, newline == std::string_view::npos ? 0 : newline);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    lines.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
  }
  std::string joined;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (!joined.empty()) joined += "; ";
    joined += *it;
  }
  return joined;
}

Result<ProcessOutput> run_process(const ProcessSpec& spec) {
  if (spec.argv.empty() || spec.argv.front().empty()) {
    return make_error(ErrorCode::internal, "run_process: no program given");
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return make_error(ErrorCode::engine_error, "cannot run " + spec.argv.front() + ": pipe: " + std::strerror(errno));
  }
  FileDescriptor read_end{pipe_fds[0]};
  FileDescriptor write_end{pipe_fds[1]};
  auto spawned = spawn(spec, write_end.get());
  write_end.reset();
  if (!spawned) return std::move(spawned).error();
  const pid_t pid = spawned.value();
  ::fcntl(read_end.get(), F_SETFL, ::fcntl(read_end.get(), F_GETFL) | O_NONBLOCK);

  const auto started = Clock::now();
  const auto deadline = started + spec.timeout;
  if (spec.log) spec.log->debug("running `{}` (pid {})", describe_command(spec.argv), pid);
  ProcessOutput result;
  int status = 0;
  bool exited = false;
  bool end_of_output = false;
  while (!exited) {
    const auto now = Clock::now();
    if (now >= deadline) break;
    if (!end_of_output) {
      const auto slice = std::min<Clock::duration>(deadline - now, kPollSlice);
      pollfd watched{read_end.get(), POLLIN, 0};
      const int ready =
          ::poll(&watched, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(slice).count()));
      if (ready > 0) {
        char buffer[8192];
        const auto count = ::read(read_end.get(), buffer, sizeof buffer);
        if (count > 0) {
          append_bounded(result.output, buffer, static_cast<std::size_t>(count));
          continue;
        }
        if (count == 0 || (errno != EINTR && errno != EAGAIN)) end_of_output = true;
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    exited = child_exited(pid, status);
  }
  if (!exited) {
    stop_group(pid);
    running_children().remove(pid);
    drain(read_end.get(), result.output);
    result.output = obs::redact(result.output);
    std::string message = "`" + describe_command(spec.argv) + "` did not finish within " +
                          format_duration(std::chrono::duration_cast<Millis>(spec.timeout)) + " and was stopped";
    if (const auto last = last_line_of(result.output); !last.empty()) message += "; its last output: " + last;
    return make_error(ErrorCode::deadline_exceeded, std::move(message));
  }
  running_children().remove(pid);
  drain(read_end.get(), result.output);
  if (result.output.size() > kOutputLimit) result.output.erase(0, result.output.size() - kOutputLimit);
  result.output = obs::redact(result.output);
  result.exit_code = exit_code_of(status);
  if (spec.log) {
    spec.log->debug("`{}` exited with code {} after {}", std::filesystem::path{spec.argv.front()}.filename().string(),
                    result.exit_code, format_duration(std::chrono::duration_cast<Millis>(Clock::now() - started)));
  }
  return result;
}

}  // namespace ckpt::pg
