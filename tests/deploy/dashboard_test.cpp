// The Grafana dashboard manifests/monitoring/dashboards/checkpointd.json: the monitoring
// kustomization turns it into a ConfigMap the Grafana sidecar loads (label
// grafana_dashboard: "1"), it has panels for what an on-call engineer looks at (restores
// and their phases, checkpoints by outcome, refusals, archive health, open windows,
// drills), every query uses only series the daemon exports (read from obs::Metrics),
// parses with `promtool check rules`, and returns data when evaluated by `promtool test
// rules` against the series of a daemon that observed everything once.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "deploy/deploy_tools.hpp"
#include "deploy/exported_metrics.hpp"
#include "deploy/rendered_manifests.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

std::filesystem::path dashboard_file() {
  return manifests_dir("monitoring") / "dashboards" / "checkpointd.json";
}

json::object dashboard() {
  return json::parse(read_text(dashboard_file())).as_object();
}

struct Query {
  std::string panel;  // "<id> <title>"
  std::string name;   // panel_<id>_<refId>, a rule name
  std::string expr;   // with Grafana's variables replaced
};

// Grafana's variables as a query sees them: every cluster, and ranges.
std::string without_variables(std::string expr) {
  for (const auto& [variable, value] : std::vector<std::pair<std::string, std::string>>{
           {"$cluster", ".*"}, {"$__rate_interval", "2m"}, {"$__range", "1h"}, {"$__interval", "1m"}}) {
    for (auto at = expr.find(variable); at != std::string::npos; at = expr.find(variable)) {
      expr.replace(at, variable.size(), value);
    }
  }
  return expr;
}

std::vector<json::object> panels() {
  std::vector<json::object> found;
  const auto board = dashboard();
  for (const auto& panel : board.at("panels").as_array()) {
    found.push_back(panel.as_object());
    if (const auto* nested = panel.as_object().if_contains("panels")) {
      for (const auto& inner : nested->as_array()) found.push_back(inner.as_object());
    }
  }
  return found;
}

std::vector<Query> queries() {
  std::vector<Query> found;
  for (const auto& panel : panels()) {
    const auto* targets = panel.if_contains("targets");
    if (targets == nullptr) continue;
    const auto id = std::to_string(panel.at("id").to_number<long long>());
    for (const auto& target : targets->as_array()) {
      const auto& object = target.as_object();
      found.push_back({id + " " + std::string(panel.at("title").as_string()),
                       "panel_" + id + "_" + std::string(object.at("refId").as_string()),
                       without_variables(std::string(object.at("expr").as_string()))});
    }
  }
  return found;
}

std::set<std::string> metric_names_in(const std::string& expr) {
  std::set<std::string> names;
  const std::regex name{R"(\bcheckpointd_[a-z0-9_]+)"};
  for (std::sregex_iterator it(expr.begin(), expr.end(), name), end; it != end; ++it) names.insert(it->str());
  return names;
}

void write_yaml(const std::filesystem::path& path, const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  std::ofstream(path) << out.c_str() << "\n";
}

TEST(Dashboard, IsADashboardWhosePanelsAllQuery) {
  const auto board = dashboard();
  EXPECT_EQ(board.at("uid").as_string(), "checkpointd");
  EXPECT_FALSE(board.at("title").as_string().empty());
  std::set<long long> ids;
  for (const auto& panel : panels()) {
    const auto id = panel.at("id").to_number<long long>();
    EXPECT_TRUE(ids.insert(id).second) << "panel id " << id << " twice";
    if (panel.at("type").as_string() == "row") continue;
    const auto* targets = panel.if_contains("targets");
    ASSERT_TRUE(targets != nullptr && !targets->as_array().empty()) << "panel " << id << " queries nothing";
    for (const auto& target : targets->as_array()) {
      EXPECT_FALSE(target.at("expr").as_string().empty()) << "panel " << id;
    }
    // The datasource is the dashboard's variable, so the sidecar's copy works anywhere.
    EXPECT_EQ(panel.at("datasource").at("uid").as_string(), "${datasource}") << "panel " << id;
  }
}

TEST(Dashboard, IsAConfigMapForTheGrafanaSidecar) {
  for (const char* kustomization : {"monitoring", ""}) {
    auto manifests = RenderedManifests::render(manifests_dir(kustomization));
    if (!manifests) GTEST_SKIP() << "kubectl is not installed: cannot build manifests/" << kustomization;
    ASSERT_TRUE(manifests->error().empty()) << manifests->error();
    const auto config_map = manifests->find("ConfigMap", "checkpointd-dashboard");
    ASSERT_TRUE(config_map.IsDefined()) << "manifests/" << kustomization << " has no ConfigMap checkpointd-dashboard";
    EXPECT_EQ(config_map["metadata"]["labels"]["grafana_dashboard"].as<std::string>(""), "1");
    const auto text = config_map["data"]["checkpointd.json"].as<std::string>("");
    ASSERT_FALSE(text.empty()) << "the ConfigMap has no checkpointd.json";
    EXPECT_EQ(json::parse(text), json::value(dashboard())) << "the ConfigMap's JSON is not the file's";
  }
}

TEST(Dashboard, ShowsRestoresCheckpointsRefusalsArchivingWindowsAndDrills) {
  std::set<std::string> used;
  for (const auto& query : queries()) {
    for (const auto& name : metric_names_in(query.expr)) used.insert(name);
  }
  for (const char* name :
       {"checkpointd_restore_duration_seconds_bucket", "checkpointd_restore_phase_duration_seconds_sum",
        "checkpointd_checkpoints_total", "checkpointd_checkpoint_refusals_total", "checkpointd_wal_archiving_healthy",
        "checkpointd_wal_last_archived_age_seconds", "checkpointd_cluster_reachable",
        "checkpointd_rollback_windows_open", "checkpointd_drills_total",
        "checkpointd_last_drill_success_timestamp_seconds", "checkpointd_last_drill_duration_seconds",
        "checkpointd_rto_budget_seconds"}) {
    EXPECT_TRUE(used.count(name) == 1) << "no panel shows " << name;
  }
}

TEST(Dashboard, QueriesUseOnlySeriesTheDaemonExports) {
  const auto exported = exported_series_names();
  ASSERT_FALSE(exported.empty());
  for (const auto& query : queries()) {
    EXPECT_EQ(query.expr.find('$'), std::string::npos)
        << "panel " << query.panel << ": a variable is left in " << query.expr;
    const auto names = metric_names_in(query.expr);
    EXPECT_FALSE(names.empty()) << "panel " << query.panel << " queries no checkpointd series: " << query.expr;
    for (const auto& name : names) {
      EXPECT_TRUE(exported.count(name) == 1)
          << "panel " << query.panel << ": " << name << " is not a series checkpointd exports";
    }
  }
}

TEST(Dashboard, QueriesParseWithPromtool) {
  if (!installed("promtool")) GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  TempDir dir;
  YAML::Node rules;
  YAML::Node group;
  group["name"] = "dashboard";
  for (const auto& query : queries()) {
    YAML::Node rule;
    rule["record"] = "dashboard:" + query.name;
    rule["expr"] = query.expr;
    group["rules"].push_back(rule);
  }
  rules["groups"].push_back(group);
  write_yaml(dir.path() / "panels.yaml", rules);
  auto [status, output] = run_command("promtool check rules " + (dir.path() / "panels.yaml").string());
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("SUCCESS: " + std::to_string(queries().size()) + " rules found"), std::string::npos) << output;
}

// Every series of the busy daemon's /metrics as a promtool input series that grows each
// minute for an hour (counters and histograms increase, so rates and quantiles exist).
YAML::Node input_series(const std::string& metrics_text) {
  YAML::Node series_list;
  std::istringstream in(metrics_text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    const double value = std::stod(line.substr(space + 1));
    const double step = value > 0 ? value : 1;
    std::string values;
    for (int minute = 0; minute <= 60; ++minute) {
      char number[64];
      std::snprintf(number, sizeof number, "%.6f", step * (minute + 1));
      values += (minute == 0 ? "" : " ") + std::string(number);
    }
    YAML::Node series;
    series["series"] = line.substr(0, space);
    series["values"] = values;
    series_list.push_back(series);
  }
  return series_list;
}

TEST(Dashboard, QueriesReturnDataFromTheDaemonsSeries) {
  if (!installed("promtool")) GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  TempDir dir;
  YAML::Node rules;
  YAML::Node group;
  group["name"] = "dashboard";
  YAML::Node checks;
  for (const auto& query : queries()) {
    YAML::Node rule;
    rule["alert"] = query.name;
    rule["expr"] = "count(" + query.expr + ") >= 0";
    group["rules"].push_back(rule);
    YAML::Node check;
    check["eval_time"] = "50m";
    check["alertname"] = query.name;
    YAML::Node expected;
    expected["exp_labels"] = YAML::Node(YAML::NodeType::Map);
    check["exp_alerts"].push_back(expected);
    checks.push_back(check);
  }
  rules["groups"].push_back(group);
  write_yaml(dir.path() / "panels.yaml", rules);

  YAML::Node test;
  test["interval"] = "1m";
  test["input_series"] = input_series(metrics_of_a_busy_daemon());
  test["alert_rule_test"] = checks;
  YAML::Node file;
  file["rule_files"].push_back("panels.yaml");
  file["evaluation_interval"] = "1m";
  file["tests"].push_back(test);
  write_yaml(dir.path() / "panels_test.yaml", file);

  auto [status, output] = run_command("cd '" + dir.path().string() + "' && promtool test rules panels_test.yaml");
  EXPECT_EQ(status, 0) << "a panel's query returned nothing (\"got:[]\" below names it by panel_<id>_<refId>):\n"
                       << output;
}

}  // namespace
}  // namespace ckpt::test
