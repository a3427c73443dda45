// EmulatorFaults: switches that make the CNPG operator emulation fail the ways CNPG does,
// plus a scripted restore for benchmarks. Thread-safe. A switch is read when a Backup or a
// recovery Cluster reaches the step it affects, so flipping one also changes work already
// waiting at that step.
//
// Backup switches name a source cluster. Recovery switches name a recovery Cluster, or
// every recovery Cluster when the name is empty; a named switch wins over the catch-all.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace ckpt::cnpgemu {

enum class BackupFault {
  none,
  // The Backup sits in phase walArchivingFailing (CNPG's in-tree pre-check) and runs
  // nothing while the switch is on; once cleared it goes on like a fresh Backup.
  wal_archiving_failing,
  // The Backup is started and then fails (phase failed + error) without running pg_basebackup.
  fail,
};

enum class RecoveryFault {
  none,
  // The recovery Job fails at once: phase "Cluster is unrecoverable ...", no PostgreSQL runs.
  fail,
  // The Cluster stays in "Setting up primary" for ever (CNPG before 1.28.4, or a Job that
  // keeps retrying).
  stick,
};

// Instead of a PITR: wait `delay`, make the Cluster's rw service directory a symlink to
// `socket_directory` (a server the benchmark prepared) and report Initialized and Ready.
struct ScriptedRestore {
  std::chrono::milliseconds delay{0};
  std::filesystem::path socket_directory;
  std::uint32_t timeline = 2;
};

class EmulatorFaults {
 public:
  void set_backup_fault(std::string_view source_cluster, BackupFault fault);  // none clears
  BackupFault backup_fault(std::string_view source_cluster) const;

  void set_recovery_fault(RecoveryFault fault, std::string_view cluster = {});  // none clears
  RecoveryFault recovery_fault(std::string_view cluster) const;

  void set_scripted_restore(std::optional<ScriptedRestore> script, std::string_view cluster = {});  // nullopt clears
  std::optional<ScriptedRestore> scripted_restore(std::string_view cluster) const;

  void clear();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, BackupFault, std::less<>> backup_faults_;
  std::map<std::string, RecoveryFault, std::less<>> recovery_faults_;
  std::map<std::string, ScriptedRestore, std::less<>> scripted_restores_;
};

}  // namespace ckpt::cnpgemu
