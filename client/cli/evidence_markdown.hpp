// An evidence package (core/evidence.hpp) as a Markdown document that reads well on its
// own in a pull request or a runbook: a summary, the go/no-go as a checklist (✅/❌ with
// each item's proof or reason), the plan with each statement's classification, the
// checkpoint and its archive proof, the execution output, the flag and health-check log,
// the analysis that decided, the rollback timeline with the recovery and restore times,
// the approvals and the full timeline; times in UTC, durations in human units. It ends
// with the package's sha256. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/evidence.hpp"

namespace ckpt::cli {

std::string evidence_markdown(const EvidencePackage& package, std::string_view sha256);

}  // namespace ckpt::cli
