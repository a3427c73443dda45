// The rules a plan's `slo`, `flag` and `ladder` sections must meet (pure; part of
// core/plan_rules.hpp's structural check): Argo's limits for every metric (with its
// messages), a positive window, providers with what they need (a query, an http(s) URL, a
// JSON pointer starting with '/'), data checks measured once, a flag name usable as a flag
// key, a ConfigMap key and an environment variable, distinct scopes, and a ladder whose
// `recovered_after` fits in its `recheck_count`. Each problem is one line naming the key.
#pragma once

#include <string>
#include <vector>

#include "core/plan.hpp"

namespace ckpt {

std::vector<std::string> slo_problems(const MigrationPlan& plan);

}  // namespace ckpt
