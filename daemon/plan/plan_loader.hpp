// Loads a migration plan from its YAML file (keys and meaning: docs/plan.md) and reads
// its SQL step files, relative to the plan file's directory, with their SHA-256.
// Strict, like the configuration: unknown and duplicate keys, values of the wrong type,
// missing required keys, a step path that is absolute or leads out of the plan's
// directory with '..', and an unreadable step file are errors. All problems are
// reported together in one ErrorCode::bad_request error, one per line, each
// "<source>:<line>: <message>" naming the key path, e.g.
//   plan.yaml:7: 'rollback_window.duration' must be a duration such as 24h, got 'tomorrow'
// A missing rollback window, owner or approver is not a decoding problem: the plan
// loads, and core/plan_rules.hpp refuses it (a refusal, with its reason).
// The statements are not classified here (plan/plan_classification.hpp).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/plan.hpp"
#include "core/result.hpp"

namespace ckpt {

// Reads a step file given by its path as written in the plan (already checked to be
// relative and inside the plan's directory); an Error's message says why it cannot.
using StepFileReader = std::function<Result<std::string>(const std::string& relative_path)>;

// Reads and parses the plan file; messages are prefixed with the path as given.
Result<MigrationPlan> load_plan_file(const std::filesystem::path& file);

// Parses YAML text; `source_name` prefixes every message, `read_step_file` gives the
// contents of each step's file.
Result<MigrationPlan> parse_plan(std::string_view yaml_text, std::string_view source_name,
                                 const StepFileReader& read_step_file);

// A step path as a plan may give it: not empty, relative, and not leading out of the
// plan's directory ("a/../b.sql" is fine, "../b.sql" and "a/../../b.sql" are not).
bool is_contained_relative_path(std::string_view path);

}  // namespace ckpt
