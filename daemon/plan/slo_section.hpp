// Reading of a plan's `slo`, `flag` and `ladder` sections (docs/plan.md) with the plan's
// strict YamlReader: unknown keys, wrong types and out-of-range values are each one error
// naming the key path and the line. A metric's keys are Argo Rollouts' (interval, count,
// initialDelay, successCondition, failureCondition, failureLimit, inconclusiveLimit,
// consecutiveErrorLimit, consecutiveSuccessLimit, dryRun) so AnalysisTemplate metrics can be
// copied; a metric's provider is one of prometheus, http, sql. Whether the values make sense
// together (Argo's limits, conditions that parse) is core/plan_rules.hpp's to judge.
#pragma once

#include <string>

#include "config/yaml_reader.hpp"
#include "core/slo_plan.hpp"

namespace ckpt {

void read_slo_section(config::YamlReader& reader, const YAML::Node& node, const std::string& path, SloSpec& out);
void read_flag_section(config::YamlReader& reader, const YAML::Node& node, const std::string& path, FlagSpec& out);
void read_ladder_section(config::YamlReader& reader, const YAML::Node& node, const std::string& path,
                         LadderPolicy& out);

}  // namespace ckpt
