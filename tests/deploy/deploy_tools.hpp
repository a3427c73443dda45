// Helpers for the deployment tests: where the source and build trees are, reading a
// file, and running an external tool (kubectl, promtool, systemd-analyze, cmake, the built
// checkpointd) with its exit status and combined output.
#pragma once

#include <filesystem>
#include <string>

namespace ckpt::test {

struct CommandResult {
  int status = -1;     // the exit status; -1 when the command did not exit normally
  std::string output;  // stdout and stderr together
};

// $CHECKPOINTD_SOURCE_DIR (set by CTest), else the current directory.
std::filesystem::path source_dir();

// $CHECKPOINTD_BUILD_DIR (set by CTest), else the current directory.
std::filesystem::path build_dir();

// The whole content of a file; empty when it cannot be read.
std::string read_text(const std::filesystem::path& path);

// Runs `command` with /bin/sh; stderr is captured with stdout.
CommandResult run_command(const std::string& command);

// Whether `program` is on PATH.
bool installed(const std::string& program);

}  // namespace ckpt::test
