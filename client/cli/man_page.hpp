// `checkpointctl man`: the manual page checkpointctl(1) in roff (man macros), generated
// from the options catalog (options_catalog.hpp) and the shared error table: every verb
// with its usage, summary and options, the global options, the -o formats and the verbs
// that accept each, the environment and the exit codes. The build writes it to
// checkpointctl.1 and `cmake --install` puts it in share/man/man1. Pure.
#pragma once

#include <string>

namespace ckpt::cli {

std::string man_page();

}  // namespace ckpt::cli
