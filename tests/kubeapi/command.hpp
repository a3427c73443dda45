// Runs a program for the kubectl tests: argv as given (no shell), extra environment
// variables on top of the test's own, stdout and stderr captured through files in a scratch
// directory, killed when it outlives its deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ckpt::kubeapi::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when it did not exit normally (killed, or could not start)
  std::string out;
  std::string err;
};

using Environment = std::map<std::string, std::string>;

CommandResult run_command(const std::vector<std::string>& argv, const Environment& extra_environment,
                          const std::filesystem::path& scratch_dir,
                          std::chrono::milliseconds deadline = std::chrono::seconds(60));

// Starts a program in the background with stdout and stderr sent to the given files;
// returns its pid, or -1.
pid_t spawn_command(const std::vector<std::string>& argv, const Environment& extra_environment,
                    const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file);

std::string read_file(const std::filesystem::path& path);

}  // namespace ckpt::kubeapi::testing
