// run_child with real processes (/bin/sh): exit statuses, a command that is not found,
// output beyond the bound, signals forwarded from this process and signals that end
// the child, the environment it gets and the descriptors it does not.
#include "cli/child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <functional>
#include <string>
#include <vector>

namespace ckpt::cli {
namespace {

ChildRequest request(std::vector<std::string> argv, std::size_t output_limit = 64 * 1024) {
  return ChildRequest{.argv = std::move(argv), .environment = {}, .output_limit = output_limit};
}

ChildCallbacks on_output(std::function<void(std::string_view)> output, std::function<void(int)> forwarded = {}) {
  return ChildCallbacks{.output = std::move(output), .forwarded = std::move(forwarded), .started = {}};
}

ChildExit shell(const std::string& script, const ChildCallbacks& callbacks = {}, std::size_t output_limit = 64 * 1024) {
  return run_child(request({"sh", "-c", script}, output_limit), callbacks);
}

TEST(ChildProcess, ExitStatusesComeBackAsTheyAre) {
  for (const int status : {0, 1, 42}) {
    const ChildExit exit = shell("exit " + std::to_string(status));
    EXPECT_EQ(exit.exit_code, status);
    EXPECT_EQ(exit.signal, "");
    EXPECT_EQ(exit.spawn_error, "");
    EXPECT_GE(exit.duration_seconds, 0.0);
  }
}

TEST(ChildProcess, StdoutAndStderrArePassedOnAndKeptInOrder) {
  std::string passed;
  const ChildExit exit =
      shell("echo one; echo two >&2; echo three", on_output([&](std::string_view chunk) { passed.append(chunk); }));
  EXPECT_EQ(exit.output, "one\ntwo\nthree\n");
  EXPECT_EQ(passed, exit.output);
}

TEST(ChildProcess, ACommandThatIsNotFoundFailsLikeAShellWithoutHanging) {
  const ChildExit exit = run_child(request({"checkpointctl-test-no-such-command"}));
  EXPECT_EQ(exit.exit_code, 127);
  EXPECT_EQ(exit.spawn_error,
            "cannot run 'checkpointctl-test-no-such-command': No such file or directory (not found in PATH)");
  EXPECT_EQ(exit.output, "checkpointctl: " + exit.spawn_error + "\n");

  const ChildExit by_path = run_child(request({"/nonexistent/migrate"}));
  EXPECT_EQ(by_path.exit_code, 127);
  EXPECT_EQ(by_path.spawn_error, "cannot run '/nonexistent/migrate': No such file or directory");
}

TEST(ChildProcess, AFileThatIsNotExecutableIs126) {
  char path[] = "/tmp/checkpointctl-test-noexec-XXXXXX";
  const int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  ::close(fd);
  const ChildExit exit = run_child(request({path}));
  ::unlink(path);
  EXPECT_EQ(exit.exit_code, 126);
  EXPECT_NE(exit.spawn_error.find("Permission denied"), std::string::npos) << exit.spawn_error;
}

TEST(ChildProcess, OutputBeyondTheBoundKeepsTheTailFromALineBoundary) {
  std::size_t passed = 0;
  // 3000 numbered lines of 12 bytes each, about 36 KiB, through a 1 KiB bound.
  const ChildExit exit = shell("i=0; while [ $i -lt 3000 ]; do printf 'line %06d\\n' $i; i=$((i+1)); done",
                               on_output([&](std::string_view chunk) { passed += chunk.size(); }), 1024);
  EXPECT_EQ(exit.exit_code, 0);
  EXPECT_EQ(passed, 3000U * 12U);
  EXPECT_LE(exit.output.size(), 1024U);
  EXPECT_GT(exit.output.size(), 1000U);
  EXPECT_EQ(exit.output.rfind("line ", 0), 0U) << exit.output.substr(0, 40);
  EXPECT_EQ(exit.output.substr(exit.output.size() - 12), "line 002999\n");
}

TEST(ChildProcess, ASigtermSentToUsIsForwardedAndTheChildsOwnExitIsReported) {
  std::vector<int> forwarded;
  bool sent = false;
  // Bounded so that a forwarding bug fails the test instead of hanging it.
  const ChildExit exit = shell(
      "trap 'echo got TERM; exit 3' TERM; echo ready; i=0; while [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; exit "
      "9",
      on_output(
          [&](std::string_view chunk) {
            if (!sent && chunk.find("ready") != std::string_view::npos) {
              sent = true;
              ::kill(::getpid(), SIGTERM);  // as kubelet would: to checkpointctl, not to its child
            }
          },
          [&](int signal) { forwarded.push_back(signal); }));
  EXPECT_EQ(exit.exit_code, 3);
  EXPECT_EQ(exit.signal, "");
  EXPECT_EQ(exit.output, "ready\ngot TERM\n");
  EXPECT_EQ(forwarded, std::vector<int>{SIGTERM});

  struct sigaction after {};
  ::sigaction(SIGTERM, nullptr, &after);
  EXPECT_EQ(after.sa_handler, SIG_DFL) << "the previous handler is back";
}

TEST(ChildProcess, AChildKilledBySigkillIs137) {
  const ChildExit exit = shell("echo bye; kill -KILL $$");
  EXPECT_EQ(exit.exit_code, 137);
  EXPECT_EQ(exit.signal, "SIGKILL");
  EXPECT_EQ(exit.output, "bye\n");
}

TEST(ChildProcess, TheEnvironmentIsInheritedWithOverridesOnTop) {
  ::setenv("CHECKPOINTCTL_TEST_INHERITED", "yes", 1);
  ::setenv("PGHOST", "old-host", 1);
  ChildRequest with_overrides = request({"sh", "-c", "echo $CHECKPOINTCTL_TEST_INHERITED $PGHOST $CHECKPOINT_ID"});
  with_overrides.environment = {{"PGHOST", "new-host"}, {"CHECKPOINT_ID", "ck-1"}};
  const ChildExit exit = run_child(with_overrides);
  ::unsetenv("CHECKPOINTCTL_TEST_INHERITED");
  ::unsetenv("PGHOST");
  EXPECT_EQ(exit.output, "yes new-host ck-1\n");
}

TEST(ChildProcess, NoDescriptorLeaksIntoTheChild) {
  const int inheritable = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(inheritable, 3);
  // The shell's own open descriptors from 3 to 63, by test -e, which opens nothing itself.
  const ChildExit exit =
      shell("n=3; while [ $n -lt 64 ]; do [ -e /proc/$$/fd/$n ] && printf '%s ' $n; n=$((n+1)); done; echo end");
  ::close(inheritable);
  EXPECT_EQ(exit.output, "end\n") << "descriptor " << inheritable << " and all others above 2 stay out";
}

TEST(ChildProcess, AChildThatLeavesSomethingHoldingThePipeIsNotWaitedFor) {
  const auto started = std::chrono::steady_clock::now();
  const ChildExit exit = shell("echo started; sleep 3 & exit 5");
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(exit.exit_code, 5);
  EXPECT_EQ(exit.output, "started\n");
  EXPECT_LT(took, std::chrono::seconds{2});
}

TEST(ChildProcess, SignalNames) {
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(SIGINT), "SIGINT");
}

}  // namespace
}  // namespace ckpt::cli
