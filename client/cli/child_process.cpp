#include "cli/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>  // sigabbrev_np
#include <optional>
#include <string_view>
#include <system_error>

#include "cli/output_tail.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration)

namespace ckpt::cli {
namespace {

constexpr std::array kForwardedSignals{SIGINT, SIGTERM};
constexpr int kPollMillis = 50;
constexpr std::size_t kReadChunk = std::size_t{16} * 1024;

// Write end of the self-pipe while a child runs, else -1.
std::atomic<int> g_signal_pipe{-1};
std::atomic<bool> g_child_running{false};

extern "C" void forward_later(int signal, siginfo_t* info, void* /*context*/) {
  if (info != nullptr && info->si_code == SI_KERNEL) return;  // the terminal's: the child got it too
  const int fd = g_signal_pipe.load();
  if (fd < 0) return;
  const int saved_errno = errno;
  const auto byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
  errno = saved_errno;
}

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Pipe(int read_end, int write_end) : read(read_end), write(write_end) {}
  Fd read;
  Fd write;
};

std::optional<Pipe> make_pipe(int extra_flags) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | extra_flags) != 0) return std::nullopt;
  return std::optional<Pipe>{std::in_place, fds[0], fds[1]};
}

// While alive: SIGINT and SIGTERM (unless ignored) write their number to `pipe_write`.
class SignalForwarding {
 public:
  explicit SignalForwarding(int pipe_write) {
    g_signal_pipe.store(pipe_write);
    for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
      struct sigaction current {};
      ::sigaction(kForwardedSignals[i], nullptr, &current);
      if (current.sa_handler == SIG_IGN) continue;  // ignored by us, ignored by the child
      struct sigaction action {};
      action.sa_sigaction = forward_later;
      action.sa_flags = SA_SIGINFO | SA_RESTART;
      ::sigemptyset(&action.sa_mask);
      installed_[i] = ::sigaction(kForwardedSignals[i], &action, &previous_[i]) == 0;
    }
  }
  SignalForwarding(const SignalForwarding&) = delete;
  SignalForwarding& operator=(const SignalForwarding&) = delete;
  ~SignalForwarding() {
    for (std::size_t i = 0; i < kForwardedSignals.size(); ++i) {
      if (installed_[i]) ::sigaction(kForwardedSignals[i], &previous_[i], nullptr);
    }
    g_signal_pipe.store(-1);
  }

 private:
  std::array<struct sigaction, kForwardedSignals.size()> previous_{};
  std::array<bool, kForwardedSignals.size()> installed_{};
};

// The inherited environment with `overrides` set on top, as "NAME=value" strings.
std::vector<std::string> child_environment(const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text{*entry};
    const auto name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& [key, value] : overrides) replaced = replaced || key == name;
    if (!replaced) entries.emplace_back(text);
  }
  for (const auto& [key, value] : overrides) entries.push_back(std::string{key}.append("=").append(value));
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

ChildExit not_started(const std::string& program, int error) {
  ChildExit exit;
  const bool missing = error == ENOENT || error == ENOTDIR;
  exit.exit_code = missing ? 127 : 126;
  exit.spawn_error = "cannot run '" + program + "': " + std::generic_category().message(error) +
                     (missing && program.find('/') == std::string::npos ? " (not found in PATH)" : "");
  exit.output = "checkpointctl: " + exit.spawn_error + "\n";
  return exit;
}

// The file a shell would run for `program`: itself when it holds a '/', else the first
// executable regular file of that name in PATH. Like a shell, a PATH directory we may not
// search is skipped (execvp would fail with EACCES there); an existing file that is not
// executable gives EACCES (126), nothing found ENOENT (127).
int resolve_program(const std::string& program, std::string& resolved) {
  if (program.find('/') != std::string::npos) {
    resolved = program;
    return 0;
  }
  const char* path = std::getenv("PATH");
  const std::string_view search = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  int error = ENOENT;
  for (std::size_t start = 0; start <= search.size();) {
    const auto end = std::min(search.find(':', start), search.size());
    const std::string directory{search.substr(start, end - start)};
    const std::string candidate = (directory.empty() ? std::string{"."} : directory) + "/" + program;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      if (::access(candidate.c_str(), X_OK) == 0) {
        resolved = candidate;
        return 0;
      }
      error = EACCES;
    }
    start = end + 1;
  }
  return error;
}

// Starts the child with its stdout and stderr on `output_write`; errno-style error or 0.
int spawn(const ChildRequest& request, int output_write, pid_t& pid) {
  std::string program;
  if (const int unresolved = resolve_program(request.argv.front(), program); unresolved != 0) return unresolved;
  std::vector<std::string> argv = request.argv;
  std::vector<std::string> environment = child_environment(request.environment);
  auto argv_pointers = pointers_to(argv);
  auto environment_pointers = pointers_to(environment);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawnattr_init(&attributes);
  ::posix_spawn_file_actions_adddup2(&actions, output_write, STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(&actions, output_write, STDERR_FILENO);
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
  ::posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
#endif
  sigset_t defaults;
  ::sigemptyset(&defaults);
  ::sigaddset(&defaults, SIGPIPE);
  sigset_t empty_mask;
  ::sigemptyset(&empty_mask);
  ::posix_spawnattr_setsigdefault(&attributes, &defaults);
  ::posix_spawnattr_setsigmask(&attributes, &empty_mask);
  ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  const int result =
      ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argv_pointers.data(), environment_pointers.data());
  ::posix_spawn_file_actions_destroy(&actions);
  ::posix_spawnattr_destroy(&attributes);
  return result;
}

void record_status(ChildExit& exit, int status) {
  if (WIFSIGNALED(status)) {
    exit.exit_code = 128 + WTERMSIG(status);
    exit.signal = signal_name(WTERMSIG(status));
  } else if (WIFEXITED(status)) {
    exit.exit_code = WEXITSTATUS(status);
  }
}

// Forwards every signal number waiting in the self-pipe to `pid`.
void forward_pending(int signal_read, pid_t pid, const ChildCallbacks& callbacks) {
  unsigned char signals[16];
  for (;;) {
    const auto count = ::read(signal_read, signals, sizeof signals);
    if (count <= 0) return;
    for (ssize_t i = 0; i < count; ++i) {
      ::kill(pid, signals[i]);
      if (callbacks.forwarded) callbacks.forwarded(signals[i]);
    }
  }
}

class ChildSlot {
 public:
  ChildSlot() : taken_(!g_child_running.exchange(true)) {}
  ChildSlot(const ChildSlot&) = delete;
  ChildSlot& operator=(const ChildSlot&) = delete;
  ~ChildSlot() {
    if (taken_) g_child_running.store(false);
  }
  bool taken() const { return taken_; }

 private:
  bool taken_;
};

}  // namespace

std::string signal_name(int signal) {
  if (const char* abbreviation = ::sigabbrev_np(signal)) return std::string{"SIG"} + abbreviation;
  return "signal " + std::to_string(signal);
}

ChildExit run_child(const ChildRequest& request, const ChildCallbacks& callbacks) {
  if (request.argv.empty() || request.argv.front().empty()) return not_started("", ENOENT);
  const ChildSlot slot;
  if (!slot.taken()) return not_started(request.argv.front(), EBUSY);
  auto output = make_pipe(0);
  auto signals = make_pipe(O_NONBLOCK);
  if (!output || !signals) return not_started(request.argv.front(), errno);
  ::fcntl(output->read.get(), F_SETFL, O_NONBLOCK);

  const SignalForwarding forwarding{signals->write.get()};
  const auto started = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (const int error = spawn(request, output->write.get(), pid); error != 0) {
    return not_started(request.argv.front(), error);
  }
  output->write.reset();
  if (callbacks.started) callbacks.started(pid);

  ChildExit exit;
  OutputTail tail{request.output_limit};
  std::array<char, kReadChunk> buffer{};
  bool reaped = false;
  bool output_open = true;
  while (!reaped || output_open) {
    std::array<pollfd, 2> fds{pollfd{output_open ? output->read.get() : -1, POLLIN, 0},
                              pollfd{reaped ? -1 : signals->read.get(), POLLIN, 0}};
    const int ready = ::poll(fds.data(), fds.size(), reaped ? 0 : kPollMillis);
    const bool poll_broken = ready < 0 && errno != EINTR;  // cannot watch anything: just wait for the exit
    if (poll_broken) output_open = false;
    if (!reaped && ready > 0 && (fds[1].revents & POLLIN) != 0) forward_pending(signals->read.get(), pid, callbacks);
    if (output_open && ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const auto count = ::read(output->read.get(), buffer.data(), buffer.size());
      if (count > 0) {
        const std::string_view chunk{buffer.data(), static_cast<std::size_t>(count)};
        tail.append(chunk);
        if (callbacks.output) callbacks.output(chunk);
      } else if (count == 0 || (errno != EAGAIN && errno != EINTR)) {
        output_open = false;
      }
    } else if (reaped && ready == 0) {
      break;  // exited; whatever still holds the pipe is not ours to wait for
    }
    if (!reaped) {
      int status = 0;
      const pid_t waited = ::waitpid(pid, &status, poll_broken ? 0 : WNOHANG);
      if (waited == pid) {
        reaped = true;
        record_status(exit, status);
        exit.duration_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      } else if (waited < 0 && errno != EINTR) {
        reaped = true;  // not our child any more (SIGCHLD ignored): its status is lost
        exit.exit_code = 255;
      }
    }
  }
  exit.output = tail.text();
  return exit;
}

}  // namespace ckpt::cli
