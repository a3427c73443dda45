// completion and man: checkpointctl describing itself from its options catalog, offline.
#include <ostream>

#include "cli/completion_script.hpp"
#include "cli/man_page.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int run_completion(const Command& command, const VerbContext& context) {
  context.console.out << completion_script(command.shell);
  return proto::kExitOk;
}

int run_man(const Command&, const VerbContext& context) {
  context.console.out << man_page();
  return proto::kExitOk;
}

}  // namespace ckpt::cli
