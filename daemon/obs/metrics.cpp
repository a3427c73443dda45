#include "obs/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <utility>

#include "config/config.hpp"
#include "core/analysis.hpp"
#include "core/begin_validation.hpp"
#include "core/checkpoint.hpp"
#include "core/ladder.hpp"
#include "core/refusal_reason.hpp"
#include "core/statement.hpp"

namespace ckpt::obs {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;
using prometheus::MetricType;

std::string label(std::string_view value) { return std::string(value); }

std::string compiler() {
#if defined(__clang__)
  std::string version = "clang " __clang_version__;
#elif defined(__GNUC__)
  std::string version = "gcc " __VERSION__;
#else
  std::string version = "unknown";
#endif
  while (!version.empty() && version.back() == ' ') version.pop_back();
  return version;
}

template <typename T>
constexpr MetricType type_of();
template <>
constexpr MetricType type_of<Counter>() {
  return MetricType::Counter;
}
template <>
constexpr MetricType type_of<Gauge>() {
  return MetricType::Gauge;
}
template <>
constexpr MetricType type_of<Histogram>() {
  return MetricType::Histogram;
}

std::string type_name(MetricType type) {
  switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
    case MetricType::Summary: return "summary";
    case MetricType::Untyped: return "untyped";
  }
  return "untyped";
}

double seconds_of(Millis duration) { return std::chrono::duration<double>(duration).count(); }

// The label values known in advance. Outcomes are the names of the states a checkpoint
// reaches as an outcome; rungs, phases and classes are the core's enums.
std::vector<std::string> outcomes() {
  using S = CheckpointState;
  std::vector<std::string> names;
  for (const auto state : {S::ready, S::refused, S::committed, S::failed, S::aborted, S::closed, S::restored,
                           S::restore_failed}) {
    names.emplace_back(to_string(state));
  }
  return names;
}

// Every reason of core/begin_validation.hpp.
std::vector<std::string> refusal_reason_labels() {
  const auto reasons = ckpt::refusal_reasons();
  return {reasons.begin(), reasons.end()};
}

std::vector<std::string> rungs() {
  return {std::string(to_string(Rung::flag_off)), std::string(to_string(Rung::restore)),
          std::string(to_string(Rung::pause))};
}

// The phases a completed measurement or run ends in.
std::vector<std::string> completed_phases() {
  using P = AnalysisPhase;
  std::vector<std::string> names;
  for (const auto phase : {P::successful, P::failed, P::inconclusive, P::error}) names.emplace_back(to_string(phase));
  return names;
}

std::vector<std::string> breach_phases() {
  using P = AnalysisPhase;
  std::vector<std::string> names;
  for (const auto phase : {P::failed, P::error, P::inconclusive}) names.emplace_back(to_string(phase));
  return names;
}

std::vector<std::string> statement_classes() {
  using C = StatementClass;
  std::vector<std::string> names;
  for (const auto value : {C::additive, C::lock_risky, C::unknown, C::destructive}) {
    names.emplace_back(to_string(value));
  }
  return names;
}

const std::vector<std::string>& slo_providers() {
  static const std::vector<std::string> providers{"prometheus", "http", "sql"};
  return providers;
}

}  // namespace

std::vector<double> Metrics::restore_buckets(double longest_seconds, const std::vector<double>& edges) {
  std::vector<double> buckets{0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600};
  while (buckets.back() < longest_seconds) buckets.push_back(buckets.back() * 2);
  for (const double edge : edges) {
    if (edge > 0 && std::isfinite(edge)) buckets.push_back(std::ceil(edge));
  }
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  return buckets;
}

struct Metrics::Families {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  std::vector<FamilyInfo> infos;
  std::vector<MetricType> types;

  template <typename T>
  Family<T>& add(const char* name, const char* help) {
    prometheus::detail::Builder<T> builder;
    auto& family = builder.Name(name).Help(help).Register(*registry);
    infos.push_back({name, type_name(type_of<T>()), help});
    types.push_back(type_of<T>());
    return family;
  }

  Family<Gauge>& build_info =
      add<Gauge>("checkpointd_build_info", "Always 1: the daemon's version and compiler as labels");

  Family<Histogram>& restore_duration = add<Histogram>(
      "checkpointd_restore_duration_seconds", "Restore duration from the trigger to the restored database verified");
  Family<Histogram>& restore_phase_duration =
      add<Histogram>("checkpointd_restore_phase_duration_seconds",
                     "Time a restore spent reaching each phase, since the previous phase");
  Family<Gauge>& last_restore_duration =
      add<Gauge>("checkpointd_last_restore_duration_seconds", "Duration of the last completed restore, trigger to verified");
  Family<Counter>& checkpoints =
      add<Counter>("checkpointd_checkpoints_total", "Checkpoints that reached an outcome, by outcome");
  Family<Counter>& refusals = add<Counter>("checkpointd_checkpoint_refusals_total", "Checkpoints refused at begin, by reason");
  Family<Histogram>& checkpoint_duration =
      add<Histogram>("checkpointd_checkpoint_duration_seconds", "Time from begin until the checkpoint is ready");
  Family<Histogram>& archive_wait =
      add<Histogram>("checkpointd_archive_wait_seconds",
                     "Time from pg_switch_wal() until the WAL segment of the recovery point is archived");
  Family<Gauge>& restores_in_progress = add<Gauge>("checkpointd_restores_in_progress", "Restores currently running");
  Family<Gauge>& last_checkpoint =
      add<Gauge>("checkpointd_last_checkpoint_timestamp_seconds", "Unix time at which the last checkpoint became ready");

  Family<Histogram>& migration_duration =
      add<Histogram>("checkpointd_migration_duration_seconds", "Migration duration, start to end, by kind (sql, command)");
  Family<Counter>& migration_statements = add<Counter>("checkpointd_migration_statements_total",
                                                       "SQL statements run by the daemon's migration runner, by class");
  Family<Counter>& plan_refusals =
      add<Counter>("checkpointd_plan_refusals_total", "Migration plans refused at begin, by the rule that refused them");
  Family<Counter>& break_glass =
      add<Counter>("checkpointd_break_glass_total", "Contract migrations let through by a break-glass override");

  Family<Counter>& slo_measurements =
      add<Counter>("checkpointd_slo_measurements_total", "SLO measurements taken by the watch, by provider and Argo phase");
  Family<Counter>& slo_breaches =
      add<Counter>("checkpointd_slo_breaches_total", "SLO watches whose analysis ended Failed, Error or Inconclusive");
  Family<Counter>& rollbacks =
      add<Counter>("checkpointd_rollback_total", "Rungs of the rollback ladder taken (flag_off, restore, pause)");
  Family<Histogram>& recovery =
      add<Histogram>("checkpointd_recovery_seconds", "Time from the first failing SLO measurement to recovery, by rung");
  Family<Gauge>& last_recovery =
      add<Gauge>("checkpointd_last_recovery_seconds", "The last recovery time (first failing measurement to recovered)");
  Family<Counter>& flag_changes =
      add<Counter>("checkpointd_flag_changes_total", "Feature flag changes by scope, state and result");

  Family<Gauge>& cluster_reachable = add<Gauge>(
      "checkpointd_cluster_reachable", "1 when the cluster answered the daemon's last probe, else 0");
  Family<Gauge>& wal_archiving_healthy =
      add<Gauge>("checkpointd_wal_archiving_healthy", "1 when the cluster's WAL archiving works, else 0");
  Family<Gauge>& wal_last_archived_age =
      add<Gauge>("checkpointd_wal_last_archived_age_seconds", "Seconds since the cluster last archived a WAL segment");
  Family<Gauge>& rollback_windows_open =
      add<Gauge>("checkpointd_rollback_windows_open", "Checkpoints whose rollback window is open");

  Family<Counter>& drills = add<Counter>("checkpointd_drills_total", "Restore drills that concluded, by result");
  Family<Histogram>& drill_duration = add<Histogram>(
      "checkpointd_drill_duration_seconds", "Duration of verified restore drills, trigger to verified");
  Family<Gauge>& last_drill_duration =
      add<Gauge>("checkpointd_last_drill_duration_seconds", "Duration of the last restore drill that concluded");
  Family<Gauge>& last_drill_success = add<Gauge>("checkpointd_last_drill_success_timestamp_seconds",
                                                 "Unix time at which the last verified restore drill finished");
  Family<Gauge>& drill_interval = add<Gauge>("checkpointd_drill_interval_seconds",
                                             "The longest gap between two scheduled restore drills of the cluster");
  Family<Gauge>& rto_budget =
      add<Gauge>("checkpointd_rto_budget_seconds", "The longest a restore of the cluster may take (rto_budget)");
  Family<Gauge>& predicted_restore = add<Gauge>(
      "checkpointd_predicted_restore_seconds",
      "Predicted restore duration of the checkpoint of the cluster that last became ready since the daemon started "
      "(base copy + WAL replay + fixed part)");

  Histogram::BucketBoundaries restore = restore_buckets(0);
  Histogram::BucketBoundaries drill = restore_buckets(0);

  // checkpointd_wal_last_archived_age_seconds grows between probes: the age a probe
  // reported and when.
  struct Age {
    double seconds = 0;
    std::chrono::steady_clock::time_point observed;
  };
  std::mutex ages_mutex;
  std::map<std::string, Age, std::less<>> ages;

  static const Histogram::BucketBoundaries& checkpoint_buckets() {
    static const Histogram::BucketBoundaries buckets{0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800};
    return buckets;
  }
  static const Histogram::BucketBoundaries& archive_wait_buckets() {
    static const Histogram::BucketBoundaries buckets{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
    return buckets;
  }

  // Every counter with a known, finite set of label values at 0 for `cluster`, and the
  // gauges whose 0 is true before anything happened.
  void zero_initialise(const std::string& cluster, const std::vector<std::string>& flag_scopes) {
    for (const auto& outcome : outcomes()) checkpoints.Add({{"cluster", cluster}, {"outcome", outcome}});
    for (const auto& reason : refusal_reason_labels()) refusals.Add({{"cluster", cluster}, {"reason", reason}});
    for (const auto& value : statement_classes()) migration_statements.Add({{"cluster", cluster}, {"class", value}});
    break_glass.Add({{"cluster", cluster}});
    for (const auto& provider : slo_providers()) {
      for (const auto& phase : completed_phases()) {
        slo_measurements.Add({{"cluster", cluster}, {"provider", provider}, {"phase", phase}});
      }
    }
    for (const auto& phase : breach_phases()) slo_breaches.Add({{"cluster", cluster}, {"phase", phase}});
    for (const auto& rung : rungs()) rollbacks.Add({{"cluster", cluster}, {"rung", rung}});
    for (const auto& scope : flag_scopes) {
      for (const char* state : {"on", "off"}) {
        for (const char* result : {"done", "failed"}) {
          flag_changes.Add({{"cluster", cluster}, {"scope", scope}, {"state", state}, {"result", result}});
        }
      }
    }
    for (const char* result : {"verified", "failed"}) drills.Add({{"cluster", cluster}, {"result", result}});
    restores_in_progress.Add({{"cluster", cluster}}).Set(0);
    rollback_windows_open.Add({{"cluster", cluster}}).Set(0);
  }
};

Metrics::Metrics() : families_(std::make_unique<Families>()) {
  families_->build_info.Add({{"version", "unknown"}, {"compiler", compiler()}}).Set(1);
}

Metrics::Metrics(const config::Config& config, std::string_view version) : families_(std::make_unique<Families>()) {
  families_->build_info.Add({{"version", label(version)}, {"compiler", compiler()}}).Set(1);
  double longest_restore = 0;
  double longest_drill = 0;
  std::vector<double> budgets;
  for (const auto& cluster : config.clusters) {
    const auto& deadlines = cluster.deadlines;
    longest_restore = std::max(longest_restore, seconds_of(deadlines.restore));
    longest_drill =
        std::max(longest_drill, seconds_of(deadlines.backup) + seconds_of(deadlines.archive_wait) +
                                    seconds_of(deadlines.restore));
    if (cluster.rto_budget.count() > 0) budgets.push_back(seconds_of(cluster.rto_budget));
  }
  families_->restore = restore_buckets(longest_restore, budgets);
  families_->drill = restore_buckets(longest_drill, budgets);

  std::vector<std::string> scopes;
  for (const auto& backend : config.flag_backends) scopes.push_back(backend.name);
  for (const auto& cluster : config.clusters) {
    families_->zero_initialise(cluster.name, scopes);
    if (cluster.rto_budget.count() > 0) set_rto_budget(cluster.name, seconds_of(cluster.rto_budget));
  }
}

Metrics::~Metrics() = default;

void Metrics::observe_restore_phase(std::string_view cluster, std::string_view trigger, std::string_view phase,
                                    double seconds) {
  families_->restore_phase_duration
      .Add({{"cluster", label(cluster)}, {"trigger", label(trigger)}, {"phase", label(phase)}}, families_->restore)
      .Observe(seconds);
}

void Metrics::observe_restore_total(std::string_view cluster, std::string_view trigger, double seconds) {
  families_->restore_duration.Add({{"cluster", label(cluster)}, {"trigger", label(trigger)}}, families_->restore)
      .Observe(seconds);
  families_->last_restore_duration.Add({{"cluster", label(cluster)}}).Set(seconds);
}

void Metrics::count_outcome(std::string_view cluster, std::string_view outcome) {
  families_->checkpoints.Add({{"cluster", label(cluster)}, {"outcome", label(outcome)}}).Increment();
}

void Metrics::count_refusal(std::string_view cluster, std::string_view reason) {
  families_->refusals.Add({{"cluster", label(cluster)}, {"reason", label(reason)}}).Increment();
}

void Metrics::observe_checkpoint_duration(std::string_view cluster, double seconds) {
  families_->checkpoint_duration.Add({{"cluster", label(cluster)}}, Families::checkpoint_buckets()).Observe(seconds);
}

void Metrics::observe_archive_wait(std::string_view cluster, double seconds) {
  families_->archive_wait.Add({{"cluster", label(cluster)}}, Families::archive_wait_buckets()).Observe(seconds);
}

void Metrics::restore_started(std::string_view cluster) {
  families_->restores_in_progress.Add({{"cluster", label(cluster)}}).Increment();
}

void Metrics::restore_finished(std::string_view cluster) {
  families_->restores_in_progress.Add({{"cluster", label(cluster)}}).Decrement();
}

void Metrics::set_last_checkpoint(std::string_view cluster, double unix_seconds) {
  families_->last_checkpoint.Add({{"cluster", label(cluster)}}).Set(unix_seconds);
}

void Metrics::observe_migration_duration(std::string_view cluster, std::string_view kind, double seconds) {
  families_->migration_duration.Add({{"cluster", label(cluster)}, {"kind", label(kind)}}, Families::checkpoint_buckets())
      .Observe(seconds);
}

void Metrics::count_migration_statement(std::string_view cluster, std::string_view statement_class) {
  families_->migration_statements.Add({{"cluster", label(cluster)}, {"class", label(statement_class)}}).Increment();
}

void Metrics::count_plan_refusal(std::string_view cluster, std::string_view rule) {
  families_->plan_refusals.Add({{"cluster", label(cluster)}, {"rule", label(rule)}}).Increment();
}

void Metrics::count_break_glass(std::string_view cluster) {
  families_->break_glass.Add({{"cluster", label(cluster)}}).Increment();
}

void Metrics::count_slo_measurement(std::string_view cluster, std::string_view provider, std::string_view phase) {
  families_->slo_measurements.Add({{"cluster", label(cluster)}, {"provider", label(provider)}, {"phase", label(phase)}})
      .Increment();
}

void Metrics::count_slo_breach(std::string_view cluster, std::string_view phase) {
  families_->slo_breaches.Add({{"cluster", label(cluster)}, {"phase", label(phase)}}).Increment();
}

void Metrics::count_rollback(std::string_view cluster, std::string_view rung) {
  families_->rollbacks.Add({{"cluster", label(cluster)}, {"rung", label(rung)}}).Increment();
}

void Metrics::observe_recovery(std::string_view cluster, std::string_view rung, double seconds) {
  families_->recovery.Add({{"cluster", label(cluster)}, {"rung", label(rung)}}, families_->restore).Observe(seconds);
  families_->last_recovery.Add({{"cluster", label(cluster)}}).Set(seconds);
}

void Metrics::count_flag_change(std::string_view cluster, std::string_view scope, bool on, bool done) {
  families_->flag_changes
      .Add({{"cluster", label(cluster)},
            {"scope", label(scope)},
            {"state", on ? "on" : "off"},
            {"result", done ? "done" : "failed"}})
      .Increment();
}

void Metrics::set_cluster_reachable(std::string_view cluster, bool reachable) {
  families_->cluster_reachable.Add({{"cluster", label(cluster)}}).Set(reachable ? 1 : 0);
}

void Metrics::set_wal_archiving_healthy(std::string_view cluster, std::optional<bool> healthy) {
  auto& gauge = families_->wal_archiving_healthy.Add({{"cluster", label(cluster)}});
  if (healthy) {
    gauge.Set(*healthy ? 1 : 0);
  } else {
    families_->wal_archiving_healthy.Remove(&gauge);
  }
}

void Metrics::set_wal_last_archived_age(std::string_view cluster, std::optional<double> seconds) {
  std::lock_guard lock{families_->ages_mutex};
  auto& gauge = families_->wal_last_archived_age.Add({{"cluster", label(cluster)}});
  if (seconds) {
    gauge.Set(*seconds);
    families_->ages.insert_or_assign(label(cluster), Families::Age{*seconds, std::chrono::steady_clock::now()});
  } else {
    families_->wal_last_archived_age.Remove(&gauge);
    if (const auto found = families_->ages.find(cluster); found != families_->ages.end()) families_->ages.erase(found);
  }
}

void Metrics::set_rollback_windows_open(std::string_view cluster, std::size_t count) {
  families_->rollback_windows_open.Add({{"cluster", label(cluster)}}).Set(static_cast<double>(count));
}

void Metrics::observe_drill(std::string_view cluster, bool verified, double seconds, double finished_unix_seconds) {
  families_->drills.Add({{"cluster", label(cluster)}, {"result", verified ? "verified" : "failed"}}).Increment();
  if (!verified) return;
  families_->drill_duration.Add({{"cluster", label(cluster)}}, families_->drill).Observe(seconds);
  set_last_drill_success(cluster, finished_unix_seconds, seconds);
}

void Metrics::set_last_drill_success(std::string_view cluster, double unix_seconds, double seconds) {
  families_->last_drill_success.Add({{"cluster", label(cluster)}}).Set(unix_seconds);
  families_->last_drill_duration.Add({{"cluster", label(cluster)}}).Set(seconds);
}

void Metrics::set_drill_interval(std::string_view cluster, double seconds) {
  families_->drill_interval.Add({{"cluster", label(cluster)}}).Set(seconds);
}

void Metrics::set_rto_budget(std::string_view cluster, double seconds) {
  families_->rto_budget.Add({{"cluster", label(cluster)}}).Set(seconds);
}

void Metrics::set_predicted_restore(std::string_view cluster, double seconds) {
  families_->predicted_restore.Add({{"cluster", label(cluster)}}).Set(seconds);
}

std::string Metrics::render() const {
  {
    std::lock_guard lock{families_->ages_mutex};
    const auto now = std::chrono::steady_clock::now();
    for (const auto& [cluster, age] : families_->ages) {
      families_->wal_last_archived_age.Add({{"cluster", cluster}})
          .Set(age.seconds + std::chrono::duration<double>(now - age.observed).count());
    }
  }
  auto collected = families_->registry->Collect();
  std::vector<prometheus::MetricFamily> all;
  all.reserve(families_->infos.size());
  for (std::size_t i = 0; i < families_->infos.size(); ++i) {
    const auto& info = families_->infos[i];
    const auto found = std::find_if(collected.begin(), collected.end(),
                                    [&](const prometheus::MetricFamily& family) { return family.name == info.name; });
    if (found != collected.end()) {
      all.push_back(std::move(*found));
    } else {
      all.push_back(prometheus::MetricFamily{info.name, info.help, families_->types[i], {}});
    }
  }
  return prometheus::TextSerializer{}.Serialize(all);
}

std::vector<Metrics::FamilyInfo> Metrics::families() const { return families_->infos; }

}  // namespace ckpt::obs
