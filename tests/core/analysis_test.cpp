#include "core/analysis.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace ckpt {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kStart = TimePoint{} + std::chrono::hours{24 * 365 * 56};

// Measurements from a string of phases, one a minute from kStart: S successful, F failed,
// I inconclusive, E error, R running (in flight, only last).
std::vector<Measurement> measured(std::string_view phases, std::string message = {}) {
  std::vector<Measurement> out;
  TimePoint at = kStart;
  for (const char phase : phases) {
    Measurement measurement;
    measurement.started_at = at;
    measurement.message = message;
    switch (phase) {
      case 'S':
        measurement.phase = AnalysisPhase::successful;
        break;
      case 'F':
        measurement.phase = AnalysisPhase::failed;
        break;
      case 'I':
        measurement.phase = AnalysisPhase::inconclusive;
        break;
      case 'E':
        measurement.phase = AnalysisPhase::error;
        break;
      default:
        measurement.phase = AnalysisPhase::running;
        break;
    }
    if (measurement.phase != AnalysisPhase::running) measurement.finished_at = at + seconds{1};
    out.push_back(measurement);
    at += minutes{1};
  }
  return out;
}

MetricSpec metric(std::string name = "error-rate") {
  MetricSpec spec;
  spec.name = std::move(name);
  spec.interval = minutes{1};
  spec.success_condition = "result < 0.05";
  return spec;
}

struct MetricRow {
  std::string what;
  MetricSpec spec;
  std::string phases;
  bool terminating;
  AnalysisPhase expected;
  std::string message;  // expected MetricAssessment::message
};

TEST(Analysis, MetricPhasesFollowArgosLimits) {
  auto with = [](auto change) {
    MetricSpec spec = metric();
    change(spec);
    return spec;
  };
  const auto unbounded = metric();
  const auto failure_limit_3 = with([](MetricSpec& m) { m.failure_limit = 3; });
  const auto wait_for_4 = with([](MetricSpec& m) {
    m.failure_limit = -1;
    m.consecutive_success_limit = 4;
  });
  const auto inconclusive_limit_2 = with([](MetricSpec& m) { m.inconclusive_limit = 2; });
  const auto count_3 = with([](MetricSpec& m) { m.count = 3; });
  const auto single = with([](MetricSpec& m) { m.interval.reset(); });
  const auto count_5_failure_1 = with([](MetricSpec& m) {
    m.count = 5;
    m.failure_limit = 1;
  });
  const auto count_5_both = with([](MetricSpec& m) {
    m.count = 5;
    m.failure_limit = 1;
    m.consecutive_success_limit = 4;
  });
  const auto count_3_success_only = with([](MetricSpec& m) {
    m.count = 3;
    m.failure_limit = -1;
    m.consecutive_success_limit = 2;
  });
  const auto error_limit_0 = with([](MetricSpec& m) { m.consecutive_error_limit = 0; });

  const std::vector<MetricRow> rows = {
      {"no measurement yet", unbounded, "", false, AnalysisPhase::pending, "no measurement yet"},
      {"in flight", unbounded, "SR", false, AnalysisPhase::running, "measurement in flight"},
      {"unbounded, all good", unbounded, "SSSS", false, AnalysisPhase::running, "waiting for the next measurement"},
      {"failureLimit 0: one failure fails", unbounded, "SF", false, AnalysisPhase::failed,
       "failed (1) > failureLimit (0)"},
      {"failureLimit 3: three failures are allowed", failure_limit_3, "FSFF", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"failureLimit 3: the fourth fails", failure_limit_3, "FFFSF", false, AnalysisPhase::failed,
       "failed (4) > failureLimit (3)"},
      {"failureLimit -1 never fails", wait_for_4, "FFFFFFFFFF", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"consecutiveSuccessLimit reached", wait_for_4, "FFSFSSSS", false, AnalysisPhase::successful,
       "consecutiveSuccessLimit (4) reached"},
      {"inconclusiveLimit 0: one inconclusive", unbounded, "I", false, AnalysisPhase::inconclusive,
       "inconclusive (1) > inconclusiveLimit (0)"},
      {"inconclusiveLimit 2: two allowed", inconclusive_limit_2, "ISI", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"inconclusiveLimit 2: the third", inconclusive_limit_2, "IIS I", false, AnalysisPhase::inconclusive,
       "inconclusive (3) > inconclusiveLimit (2)"},
      {"consecutiveErrorLimit 4: four errors are allowed", unbounded, "EEEE", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"consecutiveErrorLimit 4: the fifth in a row", unbounded, "EEEEE", false, AnalysisPhase::error,
       "consecutiveErrors (5) > consecutiveErrorLimit (4)"},
      {"a success resets consecutive errors", unbounded, "EEEESEEEE", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"consecutiveErrorLimit 0: one error", error_limit_0, "SE", false, AnalysisPhase::error,
       "consecutiveErrors (1) > consecutiveErrorLimit (0)"},
      {"count 3 all successful", count_3, "SSS", false, AnalysisPhase::successful, "count (3) reached"},
      {"count 3 not reached", count_3, "SS", false, AnalysisPhase::running, "waiting for the next measurement"},
      {"errors do not count toward count", count_3, "SESES", false, AnalysisPhase::successful, "count (3) reached"},
      {"no interval, no count: one measurement", single, "S", false, AnalysisPhase::successful, "count (1) reached"},
      {"no interval: an error is retried", single, "E", false, AnalysisPhase::running,
       "waiting for the next measurement"},
      {"count reached within failureLimit", count_5_failure_1, "SFSSS", false, AnalysisPhase::successful,
       "count (5) reached"},
      {"failureLimit broken before count", count_5_failure_1, "FSF", false, AnalysisPhase::failed,
       "failed (2) > failureLimit (1)"},
      {"count reached without consecutive successes, failureLimit applies", count_5_both, "SSFSS", false,
       AnalysisPhase::inconclusive, "count (5) reached without consecutiveSuccessLimit (4)"},
      {"consecutive successes before count", count_5_both, "FSSSS", false, AnalysisPhase::successful,
       "consecutiveSuccessLimit (4) reached"},
      {"count reached without consecutive successes, failureLimit disabled", count_3_success_only, "SFS", false,
       AnalysisPhase::failed, "count (3) reached without consecutiveSuccessLimit (2)"},
      {"a completed metric stays completed", unbounded, "FSSS", false, AnalysisPhase::failed,
       "failed (1) > failureLimit (0)"},
      // Terminating: stopped early is Successful unless a limit was broken.
      {"terminated before any measurement", unbounded, "", true, AnalysisPhase::successful, "Run Terminated"},
      {"a failure after successes", unbounded, "SSF", false, AnalysisPhase::failed, "failed (1) > failureLimit (0)"},
      {"terminated, all good", unbounded, "SS", true, AnalysisPhase::successful, "Run Terminated"},
      {"terminated before count", count_3, "S", true, AnalysisPhase::successful, "Run Terminated"},
      {"terminated within failureLimit", failure_limit_3, "FF", true, AnalysisPhase::successful, "Run Terminated"},
      {"terminated after failureLimit broken", unbounded, "F", true, AnalysisPhase::failed,
       "failed (1) > failureLimit (0)"},
      {"terminated without consecutive successes", wait_for_4, "SSF", true, AnalysisPhase::successful,
       "Run Terminated"},
      {"terminated with a measurement in flight", unbounded, "SR", true, AnalysisPhase::running,
       "measurement in flight"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what + " [" + row.phases + "]");
    std::string phases = row.phases;
    std::erase(phases, ' ');
    const auto assessment = assess_metric(row.spec, measured(phases), row.terminating);
    EXPECT_EQ(to_string(assessment.phase), to_string(row.expected));
    EXPECT_EQ(assessment.message, row.message);
  }
}

TEST(Analysis, MetricCountersStopAtTheDecision) {
  const auto assessment = assess_metric(metric(), measured("ESEFSS", "boom"), false);
  EXPECT_EQ(assessment.phase, AnalysisPhase::failed);
  EXPECT_EQ(assessment.counted, 2);
  EXPECT_EQ(assessment.successful, 1);
  EXPECT_EQ(assessment.failed, 1);
  EXPECT_EQ(assessment.errors, 2);
  EXPECT_EQ(assessment.consecutive_errors, 0);
  EXPECT_EQ(assessment.consecutive_successes, 0);
  EXPECT_EQ(assessment.last_message, "boom");

  MetricSpec spec = metric();
  spec.failure_limit = -1;
  spec.consecutive_success_limit = 5;
  spec.inconclusive_limit = 1;
  const auto running = assess_metric(spec, measured("SSEIS"), false);
  EXPECT_EQ(running.phase, AnalysisPhase::running);
  EXPECT_EQ(running.counted, 4);
  EXPECT_EQ(running.inconclusive, 1);
  EXPECT_EQ(running.consecutive_successes, 1);
}

TEST(Analysis, JudgeFollowsArgosEvaluateResult) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  struct Row {
    std::string success;
    std::string failure;
    ResultValue result;
    AnalysisPhase expected;
  };
  const std::vector<Row> rows = {
      {"result < 0.05", "", ResultValue::number(0.01), AnalysisPhase::successful},
      {"result < 0.05", "", ResultValue::number(0.1), AnalysisPhase::failed},
      {"", "result[0] >= 10", ResultValue::list({12}), AnalysisPhase::failed},
      {"", "result[0] >= 10", ResultValue::list({3}), AnalysisPhase::successful},
      {"result[0] >= 0.90", "result[0] < 0.50", ResultValue::list({0.95}), AnalysisPhase::successful},
      {"result[0] >= 0.90", "result[0] < 0.50", ResultValue::list({0.3}), AnalysisPhase::failed},
      {"result[0] >= 0.90", "result[0] < 0.50", ResultValue::list({0.7}), AnalysisPhase::inconclusive},
      {"result > 0", "result > 0.5", ResultValue::number(1), AnalysisPhase::failed},  // failure wins
      {"", "", ResultValue::number(1), AnalysisPhase::successful},
      // docs/features/analysis.md, "NaN and Infinity" and "Empty array".
      {"isNaN(result) || result >= 0.95", "", ResultValue::number(kNaN), AnalysisPhase::successful},
      {"result >= 0.95", "result < 0.95", ResultValue::number(kNaN), AnalysisPhase::inconclusive},
      {"result >= 0.95", "", ResultValue::number(kNaN), AnalysisPhase::failed},
      {"result >= 0.95", "", ResultValue::number(kInf), AnalysisPhase::successful},
      {"", "isInf(result)", ResultValue::number(kInf), AnalysisPhase::failed},
      {"len(result) == 0 || result[0] >= 0.95", "", ResultValue::list({}), AnalysisPhase::successful},
      {"len(result) > 0 && result[0] >= 0.95", "", ResultValue::list({}), AnalysisPhase::failed},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("success: " + row.success + "  failure: " + row.failure + "  result: " + to_string(row.result));
    MetricSpec spec = metric();
    spec.success_condition = row.success;
    spec.failure_condition = row.failure;
    const Judgment judgment = judge(spec, row.result);
    EXPECT_EQ(to_string(judgment.phase), to_string(row.expected));
    EXPECT_EQ(judgment.message, "");
  }
}

TEST(Analysis, JudgeReportsConditionsThatCannotDecide) {
  MetricSpec spec = metric();
  spec.success_condition = "result[0] >= 0.95";
  Judgment judgment = judge(spec, ResultValue::list({}));
  EXPECT_EQ(judgment.phase, AnalysisPhase::error);
  EXPECT_EQ(judgment.message,
            "could not evaluate successCondition \"result[0] >= 0.95\": metric result is empty: no data returned "
            "from the metric provider (column 7: index 0 is out of range for an empty list)");

  spec.success_condition = "";
  spec.failure_condition = "result > 1";
  judgment = judge(spec, ResultValue::list({2}));
  EXPECT_EQ(judgment.phase, AnalysisPhase::error);
  EXPECT_EQ(judgment.message,
            "could not evaluate failureCondition \"result > 1\": column 8: '>' expects a number on its left, got a "
            "list of 1 number");

  spec.failure_condition = "result >";
  judgment = judge(spec, ResultValue::number(2));
  EXPECT_EQ(judgment.phase, AnalysisPhase::error);
  EXPECT_EQ(judgment.message,
            "could not parse failureCondition \"result >\": column 9: expected a value, got end of input");
}

TEST(Analysis, PhaseNamesAreStrict) {
  for (const auto phase : {AnalysisPhase::pending, AnalysisPhase::running, AnalysisPhase::successful,
                           AnalysisPhase::failed, AnalysisPhase::error, AnalysisPhase::inconclusive}) {
    EXPECT_EQ(analysis_phase_from(to_string(phase)), phase);
  }
  EXPECT_EQ(to_string(AnalysisPhase::inconclusive), "Inconclusive");
  for (const char* bad : {"", "successful", "SUCCESSFUL", "Success", "Successful ", "Unknown"}) {
    EXPECT_FALSE(analysis_phase_from(bad)) << bad;
  }
  EXPECT_TRUE(is_completed(AnalysisPhase::inconclusive));
  EXPECT_FALSE(is_completed(AnalysisPhase::pending));
  EXPECT_FALSE(is_completed(AnalysisPhase::running));
}

TEST(Analysis, WorsePhasesFollowArgosOrder) {
  const std::vector<AnalysisPhase> best_to_worst = {AnalysisPhase::successful, AnalysisPhase::running,
                                                    AnalysisPhase::pending,    AnalysisPhase::inconclusive,
                                                    AnalysisPhase::error,      AnalysisPhase::failed};
  for (std::size_t i = 0; i < best_to_worst.size(); ++i) {
    for (std::size_t j = 0; j < best_to_worst.size(); ++j) {
      EXPECT_EQ(is_worse(best_to_worst[i], best_to_worst[j]), j > i) << i << " " << j;
    }
  }
}

TEST(Analysis, RunIsTheWorstMetricThatIsNotADryRun) {
  MetricSpec errors = metric("errors");
  MetricSpec latency = metric("latency");
  latency.count = 3;

  // All complete and successful.
  auto run = assess_run({errors, latency}, {measured("S"), measured("SSS")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::running);  // errors runs until terminated
  EXPECT_EQ(run.message, "");
  EXPECT_FALSE(run.terminating);
  ASSERT_EQ(run.metrics.size(), 2U);
  EXPECT_EQ(run.metrics[1].phase, AnalysisPhase::successful);

  errors.count = 1;
  run = assess_run({errors, latency}, {measured("S"), measured("SSS")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);

  // A failing metric terminates the run: the unbounded one ends Successful, the run Failed.
  errors.count.reset();
  run = assess_run({errors, latency}, {measured("SS"), measured("SF", "5 errors")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::failed);
  EXPECT_TRUE(run.terminating);
  EXPECT_EQ(run.metrics[0].phase, AnalysisPhase::successful);
  EXPECT_EQ(run.message,
            "Metric \"latency\" assessed Failed due to failed (1) > failureLimit (0): \"Error Message: 5 errors\"");

  // Even with a measurement of another metric still in flight.
  run = assess_run({errors, latency}, {measured("SR"), measured("F")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::failed);
  EXPECT_EQ(run.metrics[0].phase, AnalysisPhase::running);
  EXPECT_EQ(run.message, "Metric \"latency\" assessed Failed due to failed (1) > failureLimit (0)");

  // A metric not measured yet keeps the run running.
  run = assess_run({errors, latency}, {measured("SS")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::running);
  EXPECT_EQ(run.metrics[1].phase, AnalysisPhase::pending);
}

TEST(Analysis, DryRunMetricsNeverDecideTheRun) {
  MetricSpec gate = metric("gate");
  gate.count = 2;
  MetricSpec trial = metric("trial");
  trial.dry_run = true;

  auto run = assess_run({gate, trial}, {measured("SS"), measured("SF")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);
  EXPECT_FALSE(run.terminating);
  EXPECT_EQ(run.metrics[1].phase, AnalysisPhase::failed);
  EXPECT_EQ(run.message, "");

  run = assess_run({gate, trial}, {measured("S"), measured("F")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::running);

  run = assess_run({trial}, {measured("EEEEE")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);  // all dry runs: Successful once complete
}

TEST(Analysis, RunPrecedenceFailedErrorInconclusive) {
  const MetricSpec a = metric("a");
  const MetricSpec b = metric("b");
  const MetricSpec c = metric("c");
  auto run = assess_run({a, b}, {measured("I"), measured("EEEEE")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::error);
  EXPECT_EQ(run.message, "Metric \"b\" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)");
  run = assess_run({a, b, c}, {measured("I"), measured("EEEEE"), measured("F")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::failed);
  EXPECT_EQ(run.message, "Metric \"c\" assessed Failed due to failed (1) > failureLimit (0)");
  run = assess_run({a, b}, {measured("I"), measured("S")}, false);
  EXPECT_EQ(run.phase, AnalysisPhase::inconclusive);
}

TEST(Analysis, TerminatedRuns) {
  const MetricSpec errors = metric("errors");
  auto run = assess_run({errors}, std::vector<std::vector<Measurement>>{}, true);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);
  EXPECT_EQ(run.message, "Run Terminated");
  EXPECT_TRUE(run.terminating);

  run = assess_run({errors}, {measured("SSS")}, true);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);

  run = assess_run({errors}, {measured("SR")}, true);
  EXPECT_EQ(run.phase, AnalysisPhase::successful);  // nothing completed: Successful, as in Argo

  run = assess_run({errors}, {measured("SF")}, true);
  EXPECT_EQ(run.phase, AnalysisPhase::failed);
}

TEST(Analysis, EffectiveCount) {
  MetricSpec spec = metric();
  spec.interval.reset();
  EXPECT_EQ(effective_count(spec), 1);
  spec.interval = minutes{1};
  EXPECT_EQ(effective_count(spec), std::nullopt);
  spec.count = 0;
  EXPECT_EQ(effective_count(spec), std::nullopt);
  spec.count = 3;
  EXPECT_EQ(effective_count(spec), 3);
}

TEST(Analysis, NextMeasurementTime) {
  MetricSpec spec = metric();
  spec.initial_delay = minutes{5};
  spec.count = 3;
  EXPECT_EQ(next_measurement_at(spec, {}, kStart), kStart + minutes{5});
  spec.initial_delay = Millis{0};
  EXPECT_EQ(next_measurement_at(spec, {}, kStart), kStart);

  const auto after_success = measured("S");  // finished at kStart + 1s
  EXPECT_EQ(next_measurement_at(spec, after_success, kStart), kStart + seconds{1} + minutes{1});
  EXPECT_EQ(next_measurement_at(spec, measured("E"), kStart), kStart + seconds{1} + seconds{10});
  EXPECT_EQ(next_measurement_at(spec, measured("SR"), kStart), std::nullopt);   // in flight
  EXPECT_EQ(next_measurement_at(spec, measured("SSS"), kStart), std::nullopt);  // count reached
  EXPECT_EQ(next_measurement_at(spec, measured("F"), kStart), std::nullopt);    // failed

  spec.interval.reset();
  spec.count.reset();
  EXPECT_EQ(next_measurement_at(spec, measured("E"), kStart), kStart + seconds{11});
  EXPECT_EQ(next_measurement_at(spec, measured("ES"), kStart), std::nullopt);
}

// The worked example of docs/slo.md: successCondition result[0] < 0.05, interval 1m, count 5,
// failureLimit 1, initialDelay 2m, each measurement taking 2 seconds.
TEST(Analysis, WorkedExampleTimeline) {
  MetricSpec spec = metric("error-rate");
  spec.interval = minutes{1};
  spec.count = 5;
  spec.failure_limit = 1;
  spec.initial_delay = minutes{2};
  spec.success_condition = "result[0] < 0.05";
  ASSERT_TRUE(validate_metric(spec).ok());

  const std::vector<double> values = {0.01, 0.09, -1, 0.02, 0.03, 0.01};  // -1: the provider errors
  const std::vector<Millis> expected_starts = {minutes{2},
                                               minutes{3} + seconds{2},
                                               minutes{4} + seconds{4},
                                               minutes{4} + seconds{16},
                                               minutes{5} + seconds{18},
                                               minutes{6} + seconds{20}};
  const std::vector<AnalysisPhase> expected_phases = {AnalysisPhase::running, AnalysisPhase::running,
                                                      AnalysisPhase::running, AnalysisPhase::running,
                                                      AnalysisPhase::running, AnalysisPhase::successful};
  std::vector<Measurement> measurements;
  for (std::size_t i = 0; i < values.size(); ++i) {
    SCOPED_TRACE("measurement " + std::to_string(i + 1));
    const auto due = next_measurement_at(spec, measurements, kStart);
    ASSERT_TRUE(due.has_value());
    EXPECT_EQ(*due - kStart, expected_starts[i]);
    Measurement measurement;
    measurement.started_at = *due;
    measurement.finished_at = *due + seconds{2};
    if (values[i] < 0) {
      measurement.phase = AnalysisPhase::error;
      measurement.message = "connection refused";
    } else {
      const ResultValue result = ResultValue::list({values[i]});
      measurement.phase = judge(spec, result).phase;
      measurement.value = to_string(result);
    }
    measurements.push_back(measurement);
    EXPECT_EQ(to_string(assess_run({spec}, {measurements}, false).phase), to_string(expected_phases[i]));
  }
  EXPECT_EQ(next_measurement_at(spec, measurements, kStart), std::nullopt);
  const auto final_assessment = assess_metric(spec, measurements, false);
  EXPECT_EQ(final_assessment.counted, 5);
  EXPECT_EQ(final_assessment.failed, 1);
  EXPECT_EQ(final_assessment.errors, 1);
  EXPECT_EQ(final_assessment.message, "count (5) reached");
}

TEST(Analysis, ValidationFollowsArgo) {
  struct Row {
    std::string what;
    MetricSpec spec;
    std::string error;  // empty: valid
  };
  auto with = [](auto change) {
    MetricSpec spec = metric("m");
    change(spec);
    return spec;
  };
  const std::vector<Row> rows = {
      {"defaults", metric("m"), ""},
      {"no name", with([](MetricSpec& m) { m.name.clear(); }), "a metric needs a name"},
      {"both disabled", with([](MetricSpec& m) { m.failure_limit = -1; }),
       "metric \"m\": failureLimit and consecutiveSuccessLimit cannot both be disabled"},
      {"failureLimit -2", with([](MetricSpec& m) { m.failure_limit = -2; }),
       "metric \"m\": failureLimit must be >= 0, or -1 to be disabled"},
      {"negative consecutiveSuccessLimit", with([](MetricSpec& m) { m.consecutive_success_limit = -1; }),
       "metric \"m\": consecutiveSuccessLimit must be >= 0"},
      {"negative inconclusiveLimit", with([](MetricSpec& m) { m.inconclusive_limit = -1; }),
       "metric \"m\": inconclusiveLimit must be >= 0"},
      {"negative consecutiveErrorLimit", with([](MetricSpec& m) { m.consecutive_error_limit = -1; }),
       "metric \"m\": consecutiveErrorLimit must be >= 0"},
      {"negative count", with([](MetricSpec& m) { m.count = -1; }), "metric \"m\": count must be >= 0"},
      {"count below failureLimit", with([](MetricSpec& m) {
         m.count = 2;
         m.failure_limit = 3;
       }),
       "metric \"m\": count (2) must be >= failureLimit + consecutiveSuccessLimit (3 + 0) if both >= 0"},
      {"count below consecutiveSuccessLimit", with([](MetricSpec& m) {
         m.count = 2;
         m.failure_limit = -1;
         m.consecutive_success_limit = 3;
       }),
       "metric \"m\": count must be >= consecutiveSuccessLimit"},
      {"count below inconclusiveLimit", with([](MetricSpec& m) {
         m.count = 1;
         m.inconclusive_limit = 2;
       }),
       "metric \"m\": count must be >= inconclusiveLimit"},
      {"count without interval", with([](MetricSpec& m) {
         m.count = 2;
         m.interval.reset();
       }),
       "metric \"m\": interval must be specified when count > 1"},
      {"zero interval", with([](MetricSpec& m) { m.interval = Millis{0}; }), "metric \"m\": interval must be positive"},
      {"negative delay", with([](MetricSpec& m) { m.initial_delay = Millis{-1}; }),
       "metric \"m\": initialDelay must be >= 0"},
      {"bad success condition", with([](MetricSpec& m) { m.success_condition = "result <"; }),
       "metric \"m\": successCondition: column 9: expected a value, got end of input"},
      {"bad failure condition", with([](MetricSpec& m) { m.failure_condition = "result = 1"; }),
       "metric \"m\": failureCondition: column 8: unexpected '=': compare with '=='"},
      {"waiting for successes", with([](MetricSpec& m) {
         m.failure_limit = -1;
         m.consecutive_success_limit = 3;
         m.count = 3;
       }),
       ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const auto valid = validate_metric(row.spec);
    if (row.error.empty()) {
      EXPECT_TRUE(valid.ok()) << valid.error().message;
    } else {
      ASSERT_FALSE(valid.ok());
      EXPECT_EQ(valid.error().code, ErrorCode::bad_request);
      EXPECT_EQ(valid.error().message, row.error);
    }
  }
}

TEST(Analysis, MetricListValidation) {
  EXPECT_EQ(validate_metrics({}).error().message, "an analysis needs at least one metric");
  EXPECT_EQ(validate_metrics({metric("a"), metric("a")}).error().message, "metric \"a\" is defined twice");
  MetricSpec bad = metric("b");
  bad.failure_limit = -5;
  EXPECT_FALSE(validate_metrics({metric("a"), bad}).ok());
  EXPECT_TRUE(validate_metrics({metric("a"), metric("b")}).ok());
}

}  // namespace
}  // namespace ckpt
