// checkpointctl from argv to exit code: parse the command line, print help or version,
// connect to the daemon, run the verb, report errors ("checkpointctl: ..." on stderr).
// Usage errors exit with proto::kExitUsage (2); everything else with the exit code of
// the error table or of the checkpoint's final state.
#pragma once

#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/verbs.hpp"

namespace ckpt::cli {

// The real process: argv, the process environment, stdout/stderr.
int run_checkpointctl(int argc, char** argv);

// Same, with arguments (after the program name), environment and streams passed in;
// the daemon is reached over the real network.
int run_checkpointctl(const std::vector<std::string>& args, const EnvironmentLookup& environment,
                      Console& console);

}  // namespace ckpt::cli
