// DrillScheduler: each cluster's scheduled restore drills (config clusters[].drill, a cron
// schedule in UTC, core/cron.hpp). At each fire a drill begins (trigger "schedule", by
// "schedule") unless a checkpoint holds the cluster (a migration, or a drill still
// running): that fire is skipped and logged. Fires missed while the daemon was down are
// not made up. At start it exports each schedule's longest gap between two fires
// (checkpointd_drill_interval_seconds), which the overdue-drill alert compares with.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>

#include "config/config.hpp"
#include "service/background_tasks.hpp"
#include "service/drills.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class DrillScheduler {
 public:
  DrillScheduler(ServiceContext& context, Drills& drills) : context_(context), drills_(drills), tasks_(context.io) {}

  void start();
  void stop() { stopping_ = true; }

 private:
  boost::asio::awaitable<void> run(const config::Cluster& cluster);
  bool cluster_held(const std::string& cluster) const;

  ServiceContext& context_;
  Drills& drills_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
};

}  // namespace ckpt::service
