// The plan's slo, flag and ladder sections and the watch record as JSON: every field
// read back equal, unknown fields refused in a request, bad values named by their path.
#include "codec/slo_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/model_json.hpp"
#include "codec/plan_json.hpp"
#include "codec/watch_json.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kAt = TimePoint{} + std::chrono::hours{24 * 365 * 56} + std::chrono::microseconds{123456};

SloSpec full_slo() {
  SloMetric errors;
  errors.analysis.name = "error-rate";
  errors.analysis.interval = seconds{30};
  errors.analysis.count = 20;
  errors.analysis.initial_delay = minutes{1};
  errors.analysis.success_condition = "result[0] < 0.05";
  errors.analysis.failure_condition = "result[0] >= 0.2";
  errors.analysis.failure_limit = -1;
  errors.analysis.inconclusive_limit = 3;
  errors.analysis.consecutive_error_limit = 2;
  errors.analysis.consecutive_success_limit = 5;
  errors.analysis.dry_run = true;
  errors.timeout = seconds{4};
  errors.provider = PrometheusQuery{"main", "sum(rate(e[1m]))", minutes{5}, seconds{20}};
  SloMetric health;
  health.analysis.name = "health";
  health.provider = HttpProbe{"https://app/healthz", "/checks/0/ok", {200, 204}, {{"X-Probe", "checkpointd"}}};
  SloMetric orphans;
  orphans.analysis.name = "orphans";
  orphans.analysis.success_condition = "result == 0";
  orphans.provider = SqlProbe{"select count(*) from logins where user_id is null"};
  SloSpec slo;
  slo.window = minutes{45};
  slo.metrics = {errors, health};
  slo.data_checks = {orphans};
  return slo;
}

void expect_same_metric(const SloMetric& a, const SloMetric& b) {
  EXPECT_EQ(a.analysis.name, b.analysis.name);
  EXPECT_EQ(a.analysis.interval, b.analysis.interval);
  EXPECT_EQ(a.analysis.count, b.analysis.count);
  EXPECT_EQ(a.analysis.initial_delay, b.analysis.initial_delay);
  EXPECT_EQ(a.analysis.success_condition, b.analysis.success_condition);
  EXPECT_EQ(a.analysis.failure_condition, b.analysis.failure_condition);
  EXPECT_EQ(a.analysis.failure_limit, b.analysis.failure_limit);
  EXPECT_EQ(a.analysis.inconclusive_limit, b.analysis.inconclusive_limit);
  EXPECT_EQ(a.analysis.consecutive_error_limit, b.analysis.consecutive_error_limit);
  EXPECT_EQ(a.analysis.consecutive_success_limit, b.analysis.consecutive_success_limit);
  EXPECT_EQ(a.analysis.dry_run, b.analysis.dry_run);
  EXPECT_EQ(a.timeout, b.timeout);
  ASSERT_EQ(a.provider.index(), b.provider.index());
  if (const auto* query = std::get_if<PrometheusQuery>(&a.provider)) {
    const auto& other = std::get<PrometheusQuery>(b.provider);
    EXPECT_EQ(query->server, other.server);
    EXPECT_EQ(query->query, other.query);
    EXPECT_EQ(query->range, other.range);
    EXPECT_EQ(query->step, other.step);
  } else if (const auto* probe = std::get_if<HttpProbe>(&a.provider)) {
    const auto& other = std::get<HttpProbe>(b.provider);
    EXPECT_EQ(probe->url, other.url);
    EXPECT_EQ(probe->json_pointer, other.json_pointer);
    EXPECT_EQ(probe->expected_status, other.expected_status);
    EXPECT_EQ(probe->headers, other.headers);
  } else {
    EXPECT_EQ(std::get<SqlProbe>(a.provider).query, std::get<SqlProbe>(b.provider).query);
  }
}

TEST(SloJson, RoundTripsEveryField) {
  const SloSpec slo = full_slo();
  const auto decoded =
      slo_from_json(json::parse(json::serialize(to_json(slo))).as_object(), "plan.slo", ErrorCode::bad_request);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->window, slo.window);
  ASSERT_EQ(decoded->metrics.size(), 2U);
  expect_same_metric(decoded->metrics[0], slo.metrics[0]);
  expect_same_metric(decoded->metrics[1], slo.metrics[1]);
  ASSERT_EQ(decoded->data_checks.size(), 1U);
  expect_same_metric(decoded->data_checks[0], slo.data_checks[0]);
}

TEST(SloJson, FlagAndLadderRoundTrip) {
  const FlagSpec flag{"FEATURE_LOGIN_V2", {"develop", "production"}};
  const auto decoded_flag = flag_from_json(to_json(flag), "plan.flag", ErrorCode::bad_request);
  ASSERT_TRUE(decoded_flag.ok());
  EXPECT_EQ(decoded_flag->name, flag.name);
  EXPECT_EQ(decoded_flag->scopes, flag.scopes);
  LadderPolicy ladder;
  ladder.flag_off_first = false;
  ladder.recheck_count = 9;
  ladder.recovered_after = 3;
  ladder.restore = RestoreRule::still_failing;
  ladder.on_error = ErrorRule::flag_off;
  const auto decoded = ladder_from_json(to_json(ladder), "plan.ladder", ErrorCode::bad_request);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->flag_off_first, false);
  EXPECT_EQ(decoded->recheck_count, 9);
  EXPECT_EQ(decoded->recovered_after, 3);
  EXPECT_EQ(decoded->restore, RestoreRule::still_failing);
  EXPECT_EQ(decoded->on_error, ErrorRule::flag_off);
}

std::string slo_error(const std::function<void(json::object&)>& change) {
  json::object object = to_json(full_slo());
  change(object);
  const auto result = slo_from_json(object, "plan.slo", ErrorCode::bad_request);
  return result.ok() ? "<decoded>" : result.error().message;
}

TEST(SloJson, BadFieldsAreNamedByTheirPath) {
  EXPECT_EQ(slo_error([](json::object& slo) { slo["metrics"].as_array()[0].as_object()["failureLimit"] = -2; }),
            "field 'plan.slo.metrics[0].failureLimit' must be an integer from -1 to 2147483647");
  EXPECT_EQ(slo_error([](json::object& slo) {
              slo["metrics"].as_array()[0].as_object()["provider"].as_object()["sql"] = json::object{{"query", "x"}};
            }),
            "field 'plan.slo.metrics[0].provider' must hold exactly one of prometheus, http, sql");
  EXPECT_EQ(slo_error([](json::object& slo) { slo["metrics"].as_array()[1].as_object()["provider"] = json::object{}; }),
            "field 'plan.slo.metrics[1].provider' must hold exactly one of prometheus, http, sql");
  EXPECT_EQ(slo_error([](json::object& slo) {
              slo["metrics"].as_array()[1].as_object()["provider"].as_object()["http"].as_object()["expectedStatus"] =
                  json::array{200, 700};
            }),
            "field 'plan.slo.metrics[1].provider.http.expectedStatus' must list HTTP status codes from 100 to 599");
  EXPECT_EQ(slo_error([](json::object& slo) { slo["metrics"].as_array()[0].as_object()["weight"] = 3; }),
            "unknown field 'plan.slo.metrics[0].weight' in request body");
  EXPECT_EQ(slo_error([](json::object& slo) { slo.erase("window"); }), "missing field 'plan.slo.window'");
}

TEST(SloJson, APlanWithoutALadderGetsTheDefaults) {
  MigrationPlan plan;
  plan.migration_id = "m";
  plan.cluster = "app";
  json::object object = to_json(plan);
  object.erase("ladder");
  const auto decoded = plan_from_json(object, ErrorCode::internal);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(decoded->ladder.flag_off_first);
  EXPECT_EQ(decoded->ladder.restore, RestoreRule::data_check_fails);
  EXPECT_FALSE(decoded->slo);
}

Measurement measured(AnalysisPhase phase, std::string value, std::string message) {
  Measurement measurement;
  measurement.phase = phase;
  measurement.started_at = kAt;
  measurement.finished_at = kAt + seconds{2};
  measurement.value = std::move(value);
  measurement.message = std::move(message);
  return measurement;
}

TEST(WatchJson, TheWatchAndFlagChangesOfACheckpointReadBackEqual) {
  Checkpoint checkpoint;
  checkpoint.id = "ckpt-1";
  checkpoint.request.cluster = "app";
  checkpoint.request.migration_id = "m";
  checkpoint.created_at = kAt;
  checkpoint.updated_at = kAt;
  checkpoint.state = CheckpointState::watching;
  WatchRecord watch = start_watch(full_slo(), kAt);
  watch.stage = WatchStage::rechecking;
  watch.run.ends_at = kAt + minutes{45};
  watch.run.metrics[0].earlier = MetricCounts{7, 5, 1, 1, 2, 0, 3};
  watch.run.metrics[0].measurements = {measured(AnalysisPhase::failed, "[0.3]", "")};
  watch.run.phase = AnalysisPhase::failed;
  watch.run.message = "Metric \"error-rate\" assessed Failed";
  watch.run.finished_at = kAt + minutes{3};
  watch.recheck = start_run("recheck", 2, kAt + minutes{4});
  watch.data_checks = {CheckResult{"orphans", measured(AnalysisPhase::error, "", "relation missing")}};
  watch.rungs = {RungRecord{"flag_off", "the SLOs failed", kAt + minutes{3}, kAt + minutes{4}, ""}};
  watch.first_failure_at = kAt + minutes{2};
  watch.recovered_at = kAt + minutes{6};
  checkpoint.watch = watch;
  checkpoint.flag_changes = {
      FlagChange{"develop",
                 false,
                 "checkpointd (rollback ladder)",
                 "rung",
                 kAt + minutes{4},
                 "",
                 {CheckResult{"health", measured(AnalysisPhase::successful, "200", "")}}},
      FlagChange{"production", false, "alice", "", kAt + minutes{5}, "ConfigMap prod/flags not found", {}}};

  const json::object encoded = to_json(checkpoint);
  EXPECT_DOUBLE_EQ(encoded.at("watch").at("recovery_seconds").as_double(), 240.0);
  const auto decoded = checkpoint_from_json(json::parse(json::serialize(encoded)));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  // The encoding is complete: equal encodings of both, field by field above.
  EXPECT_EQ(json::serialize(to_json(*decoded)), json::serialize(encoded));
  ASSERT_TRUE(decoded->watch);
  EXPECT_EQ(decoded->watch->stage, WatchStage::rechecking);
  EXPECT_EQ(decoded->watch->run.metrics[0].earlier.consecutive_successes, 3);
  EXPECT_EQ(decoded->watch->run.metrics[0].measurements[0].value, "[0.3]");
  EXPECT_EQ(decoded->watch->rungs[0].done_at, kAt + minutes{4});
  ASSERT_EQ(decoded->flag_changes.size(), 2U);
  EXPECT_EQ(decoded->flag_changes[1].error, "ConfigMap prod/flags not found");
  EXPECT_EQ(decoded->flag_changes[0].checks[0].measurement.phase, AnalysisPhase::successful);
}

TEST(WatchJson, AStoredWatchWithAnUnknownStageIsAnError) {
  Checkpoint checkpoint;
  checkpoint.id = "ckpt-1";
  checkpoint.request.cluster = "app";
  checkpoint.request.migration_id = "m";
  checkpoint.watch = start_watch(full_slo(), kAt);
  json::object encoded = to_json(checkpoint);
  encoded["watch"].as_object()["stage"] = "dancing";
  const auto decoded = checkpoint_from_json(encoded);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.error().message.find("watch.stage"), std::string::npos) << decoded.error().message;
}

}  // namespace
}  // namespace ckpt
