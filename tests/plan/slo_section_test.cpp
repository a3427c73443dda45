// The plan's slo, flag and ladder sections read from YAML: Argo's metric keys, the three
// providers, every problem named with its line and key path.
#include <gtest/gtest.h>

#include "plan/plan_loader.hpp"

namespace ckpt {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

Result<MigrationPlan> parse(const std::string& yaml) {
  return parse_plan(yaml, "plan.yaml", [](const std::string&) -> Result<std::string> {
    return make_error(ErrorCode::bad_request, "no step files in this test");
  });
}

constexpr const char* kHead = R"(migration: {id: 2026_12_06_login_v2}
cluster: app
phase: expand
command: [flyway, migrate]
)";

TEST(SloSection, ReadsMetricsWithArgoKeysProvidersFlagAndLadder) {
  const auto plan = parse(std::string(kHead) + R"(slo:
  window: 30m
  metrics:
    - name: error-rate
      interval: 30s
      count: 20
      initialDelay: 1m
      successCondition: result[0] < 0.05
      failureCondition: result[0] >= 0.2
      failureLimit: -1
      consecutiveSuccessLimit: 3
      inconclusiveLimit: 2
      consecutiveErrorLimit: 5
      dryRun: true
      timeout: 5s
      provider:
        prometheus:
          server: main
          query: sum(rate(errors[1m])) / sum(rate(requests[1m]))
          range: 10m
          step: 30s
    - name: health
      provider:
        http:
          url: http://127.0.0.1:8080/healthz
          jsonPointer: /error_ratio
          expectedStatus: [200, 503]
          headers: {X-Probe: checkpointd}
  data_checks:
    - name: orphans
      successCondition: result == 0
      provider:
        sql: {query: "select count(*) from logins where user_id is null"}
flag:
  name: FEATURE_LOGIN_V2
  scopes: [develop, production]
ladder:
  flag_off_first: true
  recheck_count: 8
  recovered_after: 3
  restore: still_failing
  on_error: flag_off
)");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_TRUE(plan->slo);
  EXPECT_EQ(plan->slo->window, minutes{30});
  ASSERT_EQ(plan->slo->metrics.size(), 2U);
  const SloMetric& errors = plan->slo->metrics[0];
  EXPECT_EQ(errors.analysis.name, "error-rate");
  EXPECT_EQ(errors.analysis.interval, seconds{30});
  EXPECT_EQ(errors.analysis.count, 20);
  EXPECT_EQ(errors.analysis.initial_delay, minutes{1});
  EXPECT_EQ(errors.analysis.failure_limit, -1);
  EXPECT_EQ(errors.analysis.consecutive_success_limit, 3);
  EXPECT_EQ(errors.analysis.inconclusive_limit, 2);
  EXPECT_EQ(errors.analysis.consecutive_error_limit, 5);
  EXPECT_TRUE(errors.analysis.dry_run);
  EXPECT_EQ(errors.timeout, seconds{5});
  const auto& query = std::get<PrometheusQuery>(errors.provider);
  EXPECT_EQ(query.server, "main");
  EXPECT_EQ(query.range, minutes{10});
  EXPECT_EQ(query.step, seconds{30});
  const auto& probe = std::get<HttpProbe>(plan->slo->metrics[1].provider);
  EXPECT_EQ(probe.json_pointer, "/error_ratio");
  EXPECT_EQ(probe.expected_status, (std::vector<int>{200, 503}));
  EXPECT_EQ(probe.headers.at("X-Probe"), "checkpointd");
  // Argo's defaults where the plan is silent.
  EXPECT_EQ(plan->slo->metrics[1].analysis.consecutive_error_limit, 4);
  EXPECT_EQ(plan->slo->metrics[1].analysis.failure_limit, 0);
  ASSERT_EQ(plan->slo->data_checks.size(), 1U);
  EXPECT_EQ(std::get<SqlProbe>(plan->slo->data_checks[0].provider).query,
            "select count(*) from logins where user_id is null");
  ASSERT_TRUE(plan->flag);
  EXPECT_EQ(plan->flag->scopes, (std::vector<std::string>{"develop", "production"}));
  EXPECT_EQ(plan->ladder.recheck_count, 8);
  EXPECT_EQ(plan->ladder.restore, RestoreRule::still_failing);
  EXPECT_EQ(plan->ladder.on_error, ErrorRule::flag_off);
}

TEST(SloSection, EveryProblemIsNamedWithItsLine) {
  const auto plan = parse(std::string(kHead) + R"(slo:
  window: soon
  metrics:
    - name: error-rate
      intervall: 30s
      failureLimit: -3
      provider:
        prometheus: {query: up}
        sql: {query: select 1}
    - name: health
      provider:
        http: {url: http://x, expectedStatus: [200, 999]}
flag:
  name: FEATURE_LOGIN_V2
  scopes: []
ladder:
  restore: sometimes
)");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message,
            "plan.yaml:6: 'slo.window' must be a duration such as 30m or 90s, got 'soon'\n"
            "plan.yaml:9: unknown key 'slo.metrics[0].intervall' (known keys: name, interval, count, initialDelay, "
            "successCondition, failureCondition, failureLimit, inconclusiveLimit, consecutiveErrorLimit, "
            "consecutiveSuccessLimit, dryRun, timeout, provider)\n"
            "plan.yaml:10: 'slo.metrics[0].failureLimit' must be an integer from -1 (disabled) to 1000000, got '-3'\n"
            "plan.yaml:12: 'slo.metrics[0].provider' must hold exactly one of prometheus, http, sql; it holds "
            "prometheus, sql\n"
            "plan.yaml:16: 'slo.metrics[1].provider.http.expectedStatus[1]' must be an integer from 100 to 599, got "
            "'999'\n"
            "plan.yaml:19: 'flag.scopes' must name at least one scope (one of the daemon's flag_backends)\n"
            "plan.yaml:21: 'ladder.restore' must be one of: data_check_fails, still_failing, never, got 'sometimes'");
}

}  // namespace
}  // namespace ckpt
