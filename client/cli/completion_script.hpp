// `checkpointctl completion bash|zsh`: the shell completion script, generated from the
// options catalog (options_catalog.hpp), so it offers exactly what the parser accepts:
// the verbs and sub-verbs, each verb's options and the global ones, and the fixed values
// of options and arguments (the verb's -o formats, --phase, --state, flag's on|off).
// Both shells share one generated function that reads the words typed so far and
// prints the candidates; where it has none (an ID, a FILE, a free value) the shell
// falls back to completing file names. Pure.
#pragma once

#include <string>

#include "cli/command.hpp"

namespace ckpt::cli {

// Name of the shell function a completion system calls (bash: `complete -F`).
inline constexpr const char* kCompletionFunction = "_checkpointctl";

std::string completion_script(Shell shell);

}  // namespace ckpt::cli
