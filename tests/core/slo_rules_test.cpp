// The slo, flag and ladder sections' rules (core/slo_rules.hpp): each problem is named.
#include "core/slo_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

SloMetric metric(std::string name, ProviderSpec provider) {
  SloMetric out;
  out.analysis.name = std::move(name);
  out.analysis.interval = seconds{30};
  out.analysis.success_condition = "result[0] < 0.05";
  out.provider = std::move(provider);
  return out;
}

MigrationPlan watched_plan() {
  MigrationPlan plan;
  plan.migration_id = "m1";
  plan.cluster = "app";
  SloSpec slo;
  slo.window = minutes{30};
  slo.metrics = {metric("error-rate", PrometheusQuery{"", "sum(rate(errors[1m]))", std::nullopt, seconds{15}})};
  plan.slo = slo;
  plan.flag = FlagSpec{"FEATURE_LOGIN_V2", {"develop"}};
  return plan;
}

std::string problems_of(const MigrationPlan& plan) {
  std::string text;
  for (const auto& problem : slo_problems(plan)) text += problem + "\n";
  return text;
}

TEST(SloRules, AGoodPlanHasNoProblems) {
  EXPECT_EQ(problems_of(watched_plan()), "");
}

TEST(SloRules, NamesEveryProblemOfTheSloSection) {
  MigrationPlan plan = watched_plan();
  plan.slo->window = Millis{0};
  plan.slo->metrics.push_back(metric("error-rate", HttpProbe{"ftp://x", "status", {200}, {}}));
  plan.slo->metrics.back().analysis.failure_limit = -2;
  plan.slo->metrics.push_back(metric("rows", SqlProbe{"  "}));
  plan.slo->metrics.push_back(metric("bad-condition", PrometheusQuery{"", "", std::nullopt, seconds{15}}));
  plan.slo->metrics.back().analysis.success_condition = "result <";
  const std::string problems = problems_of(plan);
  EXPECT_NE(problems.find("'slo.window' must be longer than zero"), std::string::npos) << problems;
  EXPECT_NE(problems.find("'slo.metrics[1]': metric \"error-rate\": failureLimit must be >= 0, or -1 to be disabled"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("'slo.metrics[1]': metric \"error-rate\" is defined twice"), std::string::npos) << problems;
  EXPECT_NE(problems.find("'slo.metrics[1].provider.http.url' must start with http:// or https://"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("jsonPointer' must be a JSON pointer starting with '/'"), std::string::npos) << problems;
  EXPECT_NE(problems.find("'slo.metrics[2].provider.sql.query' must not be empty"), std::string::npos) << problems;
  EXPECT_NE(problems.find("'slo.metrics[3].provider.prometheus.query' must not be empty"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("successCondition: column"), std::string::npos) << problems;
}

TEST(SloRules, ADataCheckIsMeasuredOnce) {
  MigrationPlan plan = watched_plan();
  plan.slo->data_checks = {metric("orphans", SqlProbe{"select count(*) from logins"})};
  EXPECT_NE(problems_of(plan).find("'slo.data_checks[0]': a data check is measured once"), std::string::npos);
  plan.slo->data_checks[0].analysis.interval.reset();
  EXPECT_EQ(problems_of(plan), "");
}

TEST(SloRules, FlagNamesAndScopes) {
  MigrationPlan plan = watched_plan();
  plan.flag->name = "1-login";
  plan.flag->scopes = {"develop", "develop"};
  const std::string problems = problems_of(plan);
  EXPECT_NE(problems.find("'flag.name' must be a flag key usable as an environment variable"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("'flag.scopes' names 'develop' twice"), std::string::npos) << problems;
  plan.flag->scopes.clear();
  plan.flag->name = "FEATURE_LOGIN_V2";
  EXPECT_NE(problems_of(plan).find("'flag.scopes' must name at least one scope"), std::string::npos);
}

TEST(SloRules, RecoveredAfterMustFitTheRecheck) {
  MigrationPlan plan = watched_plan();
  plan.ladder.recheck_count = 2;
  plan.ladder.recovered_after = 3;
  EXPECT_NE(problems_of(plan).find("'ladder.recovered_after' (3) must not exceed 'ladder.recheck_count' (2)"),
            std::string::npos);
}

}  // namespace
}  // namespace ckpt
