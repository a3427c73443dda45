// Turns checkpointctl's arguments and environment into a Command, without touching the
// network or the file system. Global options may come before or after the verb;
// command-line values beat environment variables, which beat the defaults. Verbs may be
// two words ("plan check"); for `run`, everything after the first `--` is the command
// to wrap, verbatim. A usage error comes back as Error{bad_request} whose message names
// the bad option or argument and points at the matching --help.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/command.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

// Environment variables read as fallbacks.
inline constexpr const char* kSocketEnv = "CHECKPOINTD_SOCKET";
inline constexpr const char* kAddrEnv = "CHECKPOINTD_ADDR";
inline constexpr const char* kTokenFileEnv = "CHECKPOINTD_TOKEN_FILE";

// Value of an environment variable; nullopt when unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Text to print instead of running a verb: --help or --version.
struct InformationRequest {
  std::string text;
};

using ParsedCommandLine = std::variant<Command, InformationRequest>;

// `args` are the arguments after the program name.
Result<ParsedCommandLine> parse_command_line(const std::vector<std::string>& args,
                                             const EnvironmentLookup& environment);

}  // namespace ckpt::cli
