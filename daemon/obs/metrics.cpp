#include "obs/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace ckpt::obs {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

std::string label(std::string_view value) { return std::string(value); }

}  // namespace

struct Metrics::Families {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();

  Family<Histogram>& restore_duration =
      prometheus::BuildHistogram()
          .Name("checkpointd_restore_duration_seconds")
          .Help("Restore duration by phase: 'total' from trigger to verified, every other phase the time "
                "since the previous phase")
          .Register(*registry);
  Family<Gauge>& last_restore_duration = prometheus::BuildGauge()
                                             .Name("checkpointd_last_restore_duration_seconds")
                                             .Help("Duration of the last completed restore, trigger to verified")
                                             .Register(*registry);
  Family<Counter>& checkpoints = prometheus::BuildCounter()
                                     .Name("checkpointd_checkpoints_total")
                                     .Help("Checkpoints that reached an outcome, by outcome")
                                     .Register(*registry);
  Family<Counter>& refusals = prometheus::BuildCounter()
                                  .Name("checkpointd_checkpoint_refusals_total")
                                  .Help("Checkpoints refused at begin, by reason")
                                  .Register(*registry);
  Family<Histogram>& checkpoint_duration = prometheus::BuildHistogram()
                                               .Name("checkpointd_checkpoint_duration_seconds")
                                               .Help("Time from begin until the checkpoint is ready")
                                               .Register(*registry);
  Family<Histogram>& archive_wait =
      prometheus::BuildHistogram()
          .Name("checkpointd_archive_wait_seconds")
          .Help("Time from pg_switch_wal() until the WAL segment of the recovery point is archived")
          .Register(*registry);
  Family<Gauge>& restores_in_progress = prometheus::BuildGauge()
                                            .Name("checkpointd_restores_in_progress")
                                            .Help("Restores currently running")
                                            .Register(*registry);
  Family<Gauge>& last_checkpoint = prometheus::BuildGauge()
                                       .Name("checkpointd_last_checkpoint_timestamp_seconds")
                                       .Help("Unix time at which the last checkpoint became ready")
                                       .Register(*registry);

  Family<Histogram>& migration_duration = prometheus::BuildHistogram()
                                              .Name("checkpointd_migration_duration_seconds")
                                              .Help("Migration duration, start to end, by kind (sql, command)")
                                              .Register(*registry);
  Family<Counter>& migration_statements = prometheus::BuildCounter()
                                              .Name("checkpointd_migration_statements_total")
                                              .Help("SQL statements run by the daemon's migration runner, by class")
                                              .Register(*registry);
  Family<Counter>& plan_refusals = prometheus::BuildCounter()
                                       .Name("checkpointd_plan_refusals_total")
                                       .Help("Migration plans refused at begin, by the rule that refused them")
                                       .Register(*registry);
  Family<Counter>& break_glass = prometheus::BuildCounter()
                                     .Name("checkpointd_break_glass_total")
                                     .Help("Contract migrations let through by a break-glass override")
                                     .Register(*registry);

  Family<Counter>& slo_measurements = prometheus::BuildCounter()
                                          .Name("checkpointd_slo_measurements_total")
                                          .Help("SLO measurements taken by the watch, by provider and Argo phase")
                                          .Register(*registry);
  Family<Counter>& slo_breaches = prometheus::BuildCounter()
                                      .Name("checkpointd_slo_breaches_total")
                                      .Help("SLO watches whose analysis ended Failed, Error or Inconclusive")
                                      .Register(*registry);
  Family<Counter>& rollbacks = prometheus::BuildCounter()
                                   .Name("checkpointd_rollback_total")
                                   .Help("Rungs of the rollback ladder taken (flag_off, restore, pause)")
                                   .Register(*registry);
  Family<Histogram>& recovery = prometheus::BuildHistogram()
                                    .Name("checkpointd_recovery_seconds")
                                    .Help("Time from the first failing SLO measurement to recovery, by rung")
                                    .Register(*registry);
  Family<Gauge>& last_recovery = prometheus::BuildGauge()
                                     .Name("checkpointd_last_recovery_seconds")
                                     .Help("The last recovery time (first failing measurement to recovered)")
                                     .Register(*registry);
  Family<Counter>& flag_changes = prometheus::BuildCounter()
                                      .Name("checkpointd_flag_changes_total")
                                      .Help("Feature flag changes by scope, state and result")
                                      .Register(*registry);

  static const Histogram::BucketBoundaries& restore_buckets() {
    static const Histogram::BucketBoundaries buckets{0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600};
    return buckets;
  }
  static const Histogram::BucketBoundaries& checkpoint_buckets() {
    static const Histogram::BucketBoundaries buckets{0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800};
    return buckets;
  }
  static const Histogram::BucketBoundaries& archive_wait_buckets() {
    static const Histogram::BucketBoundaries buckets{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
    return buckets;
  }
};

Metrics::Metrics() : families_(std::make_unique<Families>()) {}

Metrics::~Metrics() = default;

void Metrics::observe_restore_phase(std::string_view cluster, std::string_view trigger, std::string_view phase,
                                    double seconds) {
  families_->restore_duration
      .Add({{"cluster", label(cluster)}, {"trigger", label(trigger)}, {"phase", label(phase)}},
           Families::restore_buckets())
      .Observe(seconds);
}

void Metrics::observe_restore_total(std::string_view cluster, std::string_view trigger, double seconds) {
  observe_restore_phase(cluster, trigger, "total", seconds);
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

std::string Metrics::render() const { return prometheus::TextSerializer{}.Serialize(families_->registry->Collect()); }

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
  families_->recovery.Add({{"cluster", label(cluster)}, {"rung", label(rung)}}, Families::restore_buckets())
      .Observe(seconds);
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

}  // namespace ckpt::obs
