#include "cli/watch_views.hpp"

#include <algorithm>
#include <string>

#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

std::string measurement_text(const Measurement& measurement) {
  std::string text{to_string(measurement.phase)};
  if (!measurement.value.empty()) text += " " + measurement.value;
  text += " at " + format_rfc3339(measurement.finished_at.value_or(measurement.started_at));
  if (!measurement.message.empty()) text += ": " + measurement.message;
  return text;
}

std::vector<std::string> run_lines(const AnalysisRunRecord& run, const std::vector<SloMetric>& metrics) {
  std::vector<TextRow> metric_rows;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const MetricHistory history = i < run.metrics.size() ? run.metrics[i] : MetricHistory{};
    MetricCounts counts = history.earlier;
    for (const auto& measurement : history.measurements) count_measurement(counts, measurement.phase);
    const std::string last =
        history.measurements.empty() ? std::string{"not measured yet"} : measurement_text(history.measurements.back());
    metric_rows.push_back({metrics[i].analysis.name + (metrics[i].analysis.dry_run ? " (dry run)" : ""),
                           std::to_string(counts.successful) + " ok, " + std::to_string(counts.failed) + " failed, " +
                               std::to_string(counts.inconclusive) + " inconclusive, " + std::to_string(counts.errors) +
                               " errors",
                           last});
  }
  std::vector<std::string> lines;
  std::string head = std::string(to_string(run.phase)) + ", started " + format_rfc3339(run.started_at);
  if (run.ends_at) head += ", window ends " + format_rfc3339(*run.ends_at);
  lines.push_back(head);
  if (!run.message.empty()) lines.push_back(run.message);
  for (auto& line : lines_of(format_columns(metric_rows))) lines.push_back(std::move(line));
  return lines;
}

struct ProviderText {
  std::string operator()(const PrometheusQuery& query) const {
    std::string text = "prometheus" + (query.server.empty() ? std::string{} : " " + query.server) + ": " + query.query;
    if (query.range) text += " (range " + format_duration(*query.range) + ", step " + format_duration(query.step) + ")";
    return text;
  }
  std::string operator()(const HttpProbe& probe) const {
    return "http GET " + probe.url + (probe.json_pointer.empty() ? " (status)" : " " + probe.json_pointer);
  }
  std::string operator()(const SqlProbe& probe) const { return "sql: " + probe.query; }
};

std::vector<std::string> metric_lines(const std::vector<SloMetric>& metrics) {
  std::vector<std::string> lines;
  for (const auto& metric : metrics) {
    const MetricSpec& spec = metric.analysis;
    std::string head = spec.name + (spec.dry_run ? " (dry run)" : "");
    if (spec.interval) head += ", every " + format_duration(*spec.interval);
    if (spec.count) head += ", count " + std::to_string(*spec.count);
    head += ", failureLimit " + std::to_string(spec.failure_limit);
    lines.push_back(head);
    lines.push_back("  " + std::visit(ProviderText{}, metric.provider));
    if (!spec.success_condition.empty()) lines.push_back("  success: " + spec.success_condition);
    if (!spec.failure_condition.empty()) lines.push_back("  failure: " + spec.failure_condition);
  }
  return lines;
}

std::size_t measured(const AnalysisRunRecord& run, std::size_t metric) {
  if (metric >= run.metrics.size()) return 0;
  const MetricHistory& history = run.metrics[metric];
  MetricCounts counts = history.earlier;
  for (const auto& measurement : history.measurements) count_measurement(counts, measurement.phase);
  return static_cast<std::size_t>(counts.counted + counts.errors);
}

// Lines for the measurements of `run` taken since `seen` (same kind of run) was shown.
void add_new_measurements(std::vector<std::string>& lines, const AnalysisRunRecord* seen,
                          const AnalysisRunRecord& run, const std::vector<SloMetric>& metrics) {
  for (std::size_t i = 0; i < metrics.size() && i < run.metrics.size(); ++i) {
    const std::size_t before = seen != nullptr && seen->started_at == run.started_at ? measured(*seen, i) : 0;
    const std::size_t now = measured(run, i);
    const auto& kept = run.metrics[i].measurements;
    const std::size_t fresh = std::min(now - std::min(before, now), kept.size());
    for (std::size_t j = kept.size() - fresh; j < kept.size(); ++j) {
      lines.push_back(run.kind + " " + metrics[i].analysis.name + ": " + measurement_text(kept[j]));
    }
  }
}

}  // namespace

std::vector<std::string> watch_progress_lines(const Checkpoint* previous, const Checkpoint& current) {
  std::vector<std::string> lines;
  const auto& plan = current.request.plan;
  if (!plan) return lines;
  const WatchRecord* seen = previous != nullptr && previous->watch ? &*previous->watch : nullptr;
  if (current.watch && plan->slo) {
    const WatchRecord& watch = *current.watch;
    add_new_measurements(lines, seen != nullptr ? &seen->run : nullptr, watch.run, plan->slo->metrics);
    if (watch.recheck) {
      const AnalysisRunRecord* seen_recheck = seen != nullptr && seen->recheck ? &*seen->recheck : nullptr;
      add_new_measurements(lines, seen_recheck, *watch.recheck, plan->slo->metrics);
    }
    if (seen == nullptr || seen->stage != watch.stage) {
      lines.push_back("watch " + std::string(to_string(watch.stage)) + ": " + watch.stage_reason);
    }
  }
  const std::size_t shown_changes = previous != nullptr ? previous->flag_changes.size() : 0;
  for (std::size_t i = std::min(shown_changes, current.flag_changes.size()); i < current.flag_changes.size(); ++i) {
    const FlagChange& change = current.flag_changes[i];
    lines.push_back("flag " + (plan->flag ? plan->flag->name : std::string{"flag"}) + " " +
                    (change.on ? "on" : "off") + " in " + change.scope + " by " + change.by +
                    (change.error.empty() ? "" : ": FAILED: " + change.error));
  }
  return lines;
}

void add_plan_watch_rows(std::vector<TextRow>& rows, const MigrationPlan& plan) {
  if (plan.slo) {
    std::vector<std::string> lines{"window " + format_duration(plan.slo->window) + " after the migration"};
    for (auto& line : metric_lines(plan.slo->metrics)) lines.push_back(std::move(line));
    add_lines(rows, "SLO watch:", lines);
    if (!plan.slo->data_checks.empty()) add_lines(rows, "Data checks:", metric_lines(plan.slo->data_checks));
  }
  if (plan.flag) {
    std::string scopes;
    for (const auto& scope : plan.flag->scopes) scopes += (scopes.empty() ? "" : ", ") + scope;
    rows.push_back({"Flag:", plan.flag->name + " in " + scopes});
  }
  if (plan.slo || plan.flag) {
    const LadderPolicy& ladder = plan.ladder;
    rows.push_back({"Ladder:", std::string(ladder.flag_off_first ? "flag off first, " : "") + "recheck " +
                                   std::to_string(ladder.recheck_count) + " times (recovered after " +
                                   std::to_string(ladder.recovered_after) + " in a row), restore " +
                                   std::string(to_string(ladder.restore)) + ", on error " +
                                   std::string(to_string(ladder.on_error))});
  }
}

void add_watch_rows(std::vector<TextRow>& rows, const WatchRecord& watch, const MigrationPlan& plan) {
  rows.push_back({"Watch:", std::string(to_string(watch.stage)) + ": " + watch.stage_reason});
  if (!plan.slo) return;
  add_lines(rows, "Metrics:", run_lines(watch.run, plan.slo->metrics));
  if (watch.recheck) add_lines(rows, "Recheck:", run_lines(*watch.recheck, plan.slo->metrics));
  if (!watch.data_checks.empty()) {
    std::vector<std::string> lines;
    for (const auto& check : watch.data_checks) lines.push_back(check.name + ": " + measurement_text(check.measurement));
    add_lines(rows, "Data checks:", lines);
  }
  if (!watch.rungs.empty()) {
    std::vector<std::string> lines;
    for (const auto& rung : watch.rungs) {
      std::string line = rung.rung + " at " + format_rfc3339(rung.decided_at) + ": " + rung.reason;
      if (!rung.error.empty()) line += " (failed: " + rung.error + ")";
      lines.push_back(line);
    }
    add_lines(rows, "Ladder:", lines);
  }
  if (const auto seconds = recovery_seconds(watch)) {
    rows.push_back({"Recovery:", format_seconds(*seconds) + " from the first failing measurement (" +
                                     format_rfc3339(*watch.first_failure_at) + ") to recovered (" +
                                     format_rfc3339(*watch.recovered_at) + ")"});
  }
}

void add_flag_rows(std::vector<TextRow>& rows, const std::vector<FlagChange>& changes, const MigrationPlan& plan) {
  if (changes.empty()) return;
  const std::string name = plan.flag ? plan.flag->name : std::string{"flag"};
  std::vector<std::string> lines;
  for (const auto& change : changes) {
    std::string line = format_rfc3339(change.at) + " " + name + " " + (change.on ? "on" : "off") + " in " +
                       change.scope + " by " + change.by;
    if (!change.error.empty()) line += ": FAILED: " + change.error;
    lines.push_back(line);
    for (const auto& check : change.checks) lines.push_back("  " + check.name + ": " + measurement_text(check.measurement));
  }
  add_lines(rows, "Flag:", lines);
}

}  // namespace ckpt::cli
