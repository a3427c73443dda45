#include "deploy/exported_metrics.hpp"

#include "config/config.hpp"
#include "obs/metrics.hpp"

namespace ckpt::test {

std::set<std::string> exported_series_names() {
  std::set<std::string> names;
  for (const auto& family : obs::Metrics().families()) {
    if (family.type == "histogram") {
      for (const char* suffix : {"_bucket", "_sum", "_count"}) names.insert(family.name + suffix);
    } else {
      names.insert(family.name);
    }
  }
  return names;
}

std::string metrics_of_a_busy_daemon() {
  config::Config config;
  config::Cluster cluster;
  cluster.name = "app";
  cluster.rto_budget = std::chrono::minutes{15};
  config.clusters.push_back(cluster);
  config.flag_backends.push_back(config::FlagBackend{"web", config::FlagdFileBackend{}});
  obs::Metrics metrics(config, "test");
  metrics.observe_restore_phase("app", "manual", "base_copied", 30);
  metrics.observe_restore_phase("app", "manual", "verified", 20);
  metrics.observe_restore_total("app", "manual", 50);
  metrics.count_outcome("app", "ready");
  metrics.count_refusal("app", "wal_archive_failing");
  metrics.observe_checkpoint_duration("app", 12);
  metrics.observe_archive_wait("app", 0.2);
  metrics.restore_started("app");
  metrics.set_last_checkpoint("app", 1700000000);
  metrics.observe_migration_duration("app", "sql", 3);
  metrics.count_migration_statement("app", "additive");
  metrics.count_plan_refusal("app", "drop_column");
  metrics.count_break_glass("app");
  metrics.count_slo_measurement("app", "prometheus", "Successful");
  metrics.count_slo_breach("app", "Failed");
  metrics.count_rollback("app", "flag_off");
  metrics.observe_recovery("app", "flag_off", 90);
  metrics.count_flag_change("app", "web", false, true);
  metrics.set_cluster_reachable("app", true);
  metrics.set_wal_archiving_healthy("app", true);
  metrics.set_wal_last_archived_age("app", 40);
  metrics.set_rollback_windows_open("app", 1);
  metrics.observe_drill("app", true, 300, 1700000000);
  metrics.set_last_drill_success("app", 1700000000, 300);
  metrics.set_drill_interval("app", 86400);
  metrics.set_rto_budget("app", 900);
  metrics.set_predicted_restore("app", 120);
  return metrics.render();
}

}  // namespace ckpt::test
