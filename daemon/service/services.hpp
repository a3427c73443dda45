// The service layer wired together over one ServiceContext: the checkpoint operations and
// pipelines, the migration operations and runner, and the SLO watch with its flag changes
// (measuring through the given slo::Measurer, flags through the given flags::FlagSwitch),
// the restore drills with their schedules, and the parked copies of pre-warmed restores.
// The daemon's composition root and the tests build it the same way. resume() restarts what a stopped daemon left in
// flight; stop() stops the watches and cancels the migrations' running statements at shutdown.
#pragma once

#include "service/approvals.hpp"
#include "service/checkpoint_runner.hpp"
#include "service/checkpoint_service.hpp"
#include "service/drill_scheduler.hpp"
#include "service/drills.hpp"
#include "service/evidence_service.hpp"
#include "service/flag_service.hpp"
#include "service/migration_outcomes.hpp"
#include "service/migration_runner.hpp"
#include "service/migration_service.hpp"
#include "service/parked_copies.hpp"
#include "service/service_context.hpp"
#include "service/slo_measurements.hpp"
#include "service/slo_watch.hpp"

namespace ckpt::service {

struct Services {
  Services(ServiceContext& context, slo::Measurer& measurer, flags::FlagSwitch& flag_switch)
      : runner(context),
        go_no_go(context, flag_switch),
        checkpoints(context, runner, go_no_go),
        approvals(context),
        evidence(context, checkpoints, go_no_go),
        measurements(context, measurer),
        flags(context, flag_switch, measurements),
        watch(context, checkpoints, measurements, flags),
        migration_outcomes(context, checkpoints),
        migration_runner(context, migration_outcomes),
        migrations(context, migration_runner, migration_outcomes, watch),
        drills(context, checkpoints),
        drill_scheduler(context, drills),
        parked_copies(context) {}

  void resume() {
    runner.resume();
    migration_runner.resume();
    watch.resume();
    drills.resume();
    drill_scheduler.start();
    parked_copies.start();
  }
  void stop() {
    watch.stop();
    migration_runner.stop();
    drills.stop();
    drill_scheduler.stop();
    parked_copies.stop();
  }

  CheckpointRunner runner;
  GoNoGo go_no_go;
  CheckpointService checkpoints;
  Approvals approvals;
  EvidenceService evidence;
  SloMeasurements measurements;
  FlagService flags;
  SloWatch watch;
  MigrationOutcomes migration_outcomes;
  MigrationRunner migration_runner;
  MigrationService migrations;
  Drills drills;
  DrillScheduler drill_scheduler;
  ParkedCopies parked_copies;
};

}  // namespace ckpt::service
