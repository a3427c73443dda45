// Runs a shell command line for the tests that check generated scripts and pages with
// the real tools (bash, zsh, groff): its exit code and its stdout and stderr together.
#pragma once

#include <stdio.h>
#include <sys/wait.h>

#include <array>
#include <cstdlib>
#include <string>

namespace ckpt::cli::testing {

struct ShellResult {
  int exit_code = -1;
  std::string output;
};

inline ShellResult run_shell(const std::string& command) {
  ShellResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe))
    result.output.append(buffer.data(), read);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline bool tool_exists(const std::string& name) {
  return run_shell("command -v " + name).exit_code == 0;
}

}  // namespace ckpt::cli::testing
