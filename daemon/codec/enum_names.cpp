#include "codec/enum_names.hpp"

#include <optional>
#include <string_view>

#include "core/checkpoint.hpp"

namespace ckpt::codec {
namespace {

// Joins the names of the enumerators 0, 1, 2, ... up to the first whose name does not
// parse back to itself (core names out-of-range values "unknown" or the last name).
template <typename Enum>
std::string join_names(std::optional<Enum> (*parse)(std::string_view)) {
  std::string names;
  for (int i = 0;; ++i) {
    const auto value = static_cast<Enum>(i);
    const auto name = to_string(value);
    if (parse(name) != value) return names;
    if (!names.empty()) names += ", ";
    names += name;
  }
}

}  // namespace

const std::string& migration_phase_names() {
  static const std::string names = join_names<MigrationPhase>(&migration_phase_from);
  return names;
}

const std::string& checkpoint_state_names() {
  static const std::string names = join_names<CheckpointState>(&checkpoint_state_from);
  return names;
}

const std::string& statement_class_names() {
  static const std::string names = join_names<StatementClass>(&statement_class_from);
  return names;
}

const std::string& commit_policy_names() {
  static const std::string names = join_names<CommitPolicy>(&commit_policy_from);
  return names;
}

}  // namespace ckpt::codec
