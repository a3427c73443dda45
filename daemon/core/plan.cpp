#include "core/plan.hpp"

namespace ckpt {

std::string_view to_string(CommitPolicy policy) {
  return policy == CommitPolicy::automatic ? "automatic" : "manual";
}

std::optional<CommitPolicy> commit_policy_from(std::string_view text) {
  if (text == "automatic") return CommitPolicy::automatic;
  if (text == "manual") return CommitPolicy::manual;
  return std::nullopt;
}

}  // namespace ckpt
