// The alert rules of manifests/monitoring/prometheusrule.yaml: they pass `promtool check
// rules`; every alert has a summary, a description and a runbook_url that leads to a
// section of docs/runbook.md; the scrape-target alert names the job the ServiceMonitor
// gives the daemon's target; and `promtool test rules` runs
// tests/deploy/promtool/alerts_test.yaml, which must hold a firing and a non-firing case
// of every alert and feed only series the daemon exports. Skipped, saying so, without
// promtool (Debian package prometheus).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <map>
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

std::filesystem::path rule_file() {
  return source_dir() / "manifests" / "monitoring" / "prometheusrule.yaml";
}
std::filesystem::path promtool_tests() {
  return source_dir() / "tests" / "deploy" / "promtool" / "alerts_test.yaml";
}

YAML::Node rules_spec() {
  return YAML::LoadFile(rule_file().string())["spec"];
}

// Every alerting rule of the spec.
std::vector<YAML::Node> alerts() {
  std::vector<YAML::Node> found;
  for (const auto& group : rules_spec()["groups"]) {
    for (const auto& rule : group["rules"]) {
      if (rule["alert"]) found.push_back(rule);
    }
  }
  return found;
}

void write_yaml(const std::filesystem::path& path, const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  std::ofstream(path) << out.c_str() << "\n";
}

// GitHub's anchor of a Markdown heading: lower case, punctuation other than '-' and '_'
// dropped, spaces to '-'.
std::string anchor_of(const std::string& heading) {
  std::string anchor;
  for (const char c : heading) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_') {
      anchor += static_cast<char>(std::tolower(u));
    } else if (c == ' ') {
      anchor += '-';
    }
  }
  return anchor;
}

std::set<std::string> runbook_anchors() {
  std::set<std::string> anchors;
  std::istringstream in(read_text(source_dir() / "docs" / "runbook.md"));
  for (std::string line; std::getline(in, line);) {
    const auto hashes = line.find_first_not_of('#');
    if (hashes == 0 || hashes == std::string::npos || line[hashes] != ' ') continue;
    anchors.insert(anchor_of(line.substr(hashes + 1)));
  }
  return anchors;
}

TEST(AlertRules, PassPromtoolCheck) {
  if (!installed("promtool")) GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  TempDir dir;
  write_yaml(dir.path() / "rules.yaml", rules_spec());
  auto [status, output] = run_command("promtool check rules " + (dir.path() / "rules.yaml").string());
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("SUCCESS: " + std::to_string(alerts().size()) + " rules found"), std::string::npos) << output;
}

TEST(AlertRules, EveryAlertHasASummaryADescriptionAndARunbookSection) {
  const auto anchors = runbook_anchors();
  ASSERT_FALSE(anchors.empty()) << "docs/runbook.md has no headings";
  ASSERT_FALSE(alerts().empty());
  for (const auto& alert : alerts()) {
    const auto name = alert["alert"].as<std::string>();
    const auto annotations = alert["annotations"];
    EXPECT_FALSE(annotations["summary"].as<std::string>("").empty()) << name;
    EXPECT_FALSE(annotations["description"].as<std::string>("").empty()) << name << " has no description";
    const auto url = annotations["runbook_url"].as<std::string>("");
    const auto hash = url.find('#');
    ASSERT_NE(hash, std::string::npos) << name << ": runbook_url '" << url << "' names no section";
    EXPECT_EQ(url.substr(0, hash), "docs/runbook.md") << name;
    EXPECT_TRUE(anchors.count(url.substr(hash + 1)) == 1)
        << name << ": docs/runbook.md has no section #" << url.substr(hash + 1);
    EXPECT_TRUE(alert["labels"]["severity"].IsDefined()) << name << " has no severity";
  }
}

TEST(AlertRules, TheMissingTargetAlertNamesTheServiceMonitorsJob) {
  auto manifests = RenderedManifests::render(manifests_dir());
  if (!manifests) GTEST_SKIP() << "kubectl is not installed: cannot build manifests/";
  ASSERT_TRUE(manifests->error().empty()) << manifests->error();
  const auto monitor = manifests->find("ServiceMonitor", "checkpointd");
  ASSERT_TRUE(monitor.IsDefined());
  // The Prometheus Operator names the job after the Service unless spec.jobLabel names a
  // label of the Service whose value it takes instead.
  const auto service = manifests->find("Service", "checkpointd");
  ASSERT_TRUE(service.IsDefined());
  std::string job = service["metadata"]["name"].as<std::string>();
  if (const auto job_label = monitor["spec"]["jobLabel"].as<std::string>(""); !job_label.empty()) {
    job = service["metadata"]["labels"][job_label].as<std::string>(job);
  }
  bool absent_alert = false;
  for (const auto& alert : alerts()) {
    const auto expr = alert["expr"].as<std::string>();
    std::smatch match;
    if (!std::regex_search(expr, match, std::regex{R"re(absent\(\s*up\{job="([^"]+)"\}\s*\))re"})) continue;
    absent_alert = true;
    EXPECT_EQ(match[1].str(), job) << alert["alert"].as<std::string>()
                                   << " watches another job than the ServiceMonitor's";
  }
  EXPECT_TRUE(absent_alert) << "no alert fires when the daemon's scrape target is absent";
  for (const auto& alert : alerts()) {
    const auto expr = alert["expr"].as<std::string>();
    std::smatch match;
    if (std::regex_search(expr, match, std::regex{R"re(up\{job="([^"]+)"\})re"})) {
      EXPECT_EQ(match[1].str(), job);
    }
  }
}

TEST(AlertRules, EveryAlertHasAFiringAndANonFiringPromtoolCase) {
  const auto tests = YAML::LoadFile(promtool_tests().string());
  std::map<std::string, std::pair<int, int>> cases;  // alert: (firing, not firing)
  for (const auto& test : tests["tests"]) {
    for (const auto& check : test["alert_rule_test"]) {
      auto& counts = cases[check["alertname"].as<std::string>()];
      (check["exp_alerts"].size() > 0 ? counts.first : counts.second)++;
    }
  }
  for (const auto& alert : alerts()) {
    const auto name = alert["alert"].as<std::string>();
    EXPECT_GT(cases[name].first, 0) << name << " has no case in which it fires";
    EXPECT_GT(cases[name].second, 0) << name << " has no case in which it does not fire";
  }
  for (const auto& [name, counts] : cases) {
    bool shipped = false;
    for (const auto& alert : alerts()) shipped |= alert["alert"].as<std::string>() == name;
    EXPECT_TRUE(shipped) << "alerts_test.yaml tests " << name << ", which prometheusrule.yaml does not have";
  }
}

TEST(AlertRules, PromtoolCasesFeedOnlySeriesTheDaemonExports) {
  const auto exported = exported_series_names();
  const auto tests = YAML::LoadFile(promtool_tests().string());
  for (const auto& test : tests["tests"]) {
    for (const auto& input : test["input_series"]) {
      const auto series = input["series"].as<std::string>();
      const auto name = series.substr(0, series.find('{'));
      if (name == "up") continue;  // Prometheus's own, per scrape target
      EXPECT_TRUE(exported.count(name) == 1)
          << test["name"].as<std::string>("") << ": " << name << " is not a series checkpointd exports";
    }
  }
}

TEST(AlertRules, PassTheirPromtoolUnitTests) {
  if (!installed("promtool")) {
    GTEST_SKIP() << "promtool is not installed (Debian package prometheus): the alerts' unit tests did not run";
  }
  TempDir dir;
  // The cases leave the annotations out: their text is checked above and their templates
  // by `promtool check rules`.
  auto spec = YAML::Clone(rules_spec());
  for (auto group : spec["groups"]) {
    for (auto rule : group["rules"]) rule.remove("annotations");
  }
  write_yaml(dir.path() / "rules.yaml", spec);
  std::filesystem::copy_file(promtool_tests(), dir.path() / "alerts_test.yaml");
  auto [status, output] = run_command("cd '" + dir.path().string() + "' && promtool test rules alerts_test.yaml");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("SUCCESS"), std::string::npos) << output;
}

}  // namespace
}  // namespace ckpt::test
