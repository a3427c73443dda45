// An engine for tests of what sits above the engines (service, app): every call succeeds
// at once with an empty answer. Tests derive from it and override what they watch.
#pragma once

#include <string>

#include "engine/engine.hpp"

namespace ckpt::test {

class StubEngine : public engine::Engine {
 public:
  std::string kind() const override { return "local"; }
  engine::Task<void> preflight() override { co_return Result<void>{}; }
  engine::Task<BackupInfo> take_backup(const Checkpoint&, const engine::BackupReuse&) override {
    co_return BackupInfo{};
  }
  engine::Task<RecoveryPoint> record_recovery_point(const Checkpoint&) override { co_return RecoveryPoint{}; }
  engine::Task<std::string> schema_fingerprint() override { co_return std::string{}; }
  pg::ConnParams migration_connection() const override { return {}; }
  Result<void> check_cutover(const Checkpoint&) const override { return {}; }
  engine::Task<RestorePlan> plan_restore(const Checkpoint&, const engine::RestoreOptions&) override {
    co_return RestorePlan{};
  }
  engine::Task<engine::RestoreOutcome> restore(const Checkpoint&, const engine::RestoreOptions&,
                                               engine::RestoreObserver&) override {
    co_return engine::RestoreOutcome{};
  }
  engine::Task<void> remove_drill_target(const Checkpoint&) override { co_return Result<void>{}; }
};

}  // namespace ckpt::test
