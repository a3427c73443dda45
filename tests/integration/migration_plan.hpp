// Writing a migration plan and its SQL files into a test directory, and the begin
// request body that carries it (loaded and encoded by the product's own plan loader
// and codec, as checkpointctl run sends it).
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "codec/requests.hpp"
#include "core/plan_rules.hpp"
#include "plan/plan_loader.hpp"

namespace ckpt::test {

struct PlanFile {
  std::string name;
  std::string sql;
  std::string extra_yaml;  // e.g. "    transaction: false\n"
};

// Writes <directory>/plan.yaml and the SQL files; returns the plan file's path.
inline std::filesystem::path write_plan(const std::filesystem::path& directory, const std::string& migration_id,
                                        const std::vector<PlanFile>& files, const std::string& more_yaml = {},
                                        const std::string& phase = "expand") {
  std::filesystem::create_directories(directory);
  std::string yaml = "migration:\n  id: " + migration_id +
                     "\n  purpose: integration test\ncluster: app\nphase: " + phase +
                     "\nrollback_window:\n  duration: 24h\n  owner: alice\n  approver: bob\n" + more_yaml;
  if (!files.empty()) yaml += "steps:\n";
  for (const auto& file : files) {
    std::ofstream(directory / file.name) << file.sql;
    yaml += "  - sql: " + file.name + "\n" + file.extra_yaml;
  }
  const auto path = directory / "plan.yaml";
  std::ofstream(path) << yaml;
  return path;
}

// The begin request body for the plan at `path`.
inline std::string begin_body_for_plan(const std::filesystem::path& path) {
  auto plan = load_plan_file(path);
  if (!plan) throw std::runtime_error("plan does not load: " + plan.error().message);
  BeginRequest request = begin_request_for(*plan);
  request.plan = std::move(plan).value();
  return boost::json::serialize(to_json(request));
}

}  // namespace ckpt::test
