#include "cnpgemu/emulator_faults.hpp"

namespace ckpt::cnpgemu {
namespace {

// The switch for `name`, else the catch-all one (empty name), else nullptr.
template <typename Value>
const Value* switch_for(const std::map<std::string, Value, std::less<>>& switches, std::string_view name) {
  auto found = switches.find(name);
  if (found == switches.end()) found = switches.find(std::string_view{});
  return found == switches.end() ? nullptr : &found->second;
}

template <typename Value>
void set_switch(std::map<std::string, Value, std::less<>>& switches, std::string_view name,
                std::optional<Value> value) {
  if (value) {
    switches.insert_or_assign(std::string{name}, std::move(*value));
  } else {
    switches.erase(std::string{name});
  }
}

}  // namespace

void EmulatorFaults::set_backup_fault(std::string_view source_cluster, BackupFault fault) {
  std::lock_guard lock{mutex_};
  set_switch(backup_faults_, source_cluster, fault == BackupFault::none ? std::nullopt : std::optional{fault});
}

BackupFault EmulatorFaults::backup_fault(std::string_view source_cluster) const {
  std::lock_guard lock{mutex_};
  const auto found = backup_faults_.find(source_cluster);
  return found == backup_faults_.end() ? BackupFault::none : found->second;
}

void EmulatorFaults::set_recovery_fault(RecoveryFault fault, std::string_view cluster) {
  std::lock_guard lock{mutex_};
  set_switch(recovery_faults_, cluster, fault == RecoveryFault::none ? std::nullopt : std::optional{fault});
}

RecoveryFault EmulatorFaults::recovery_fault(std::string_view cluster) const {
  std::lock_guard lock{mutex_};
  const auto* fault = switch_for(recovery_faults_, cluster);
  return fault == nullptr ? RecoveryFault::none : *fault;
}

void EmulatorFaults::set_scripted_restore(std::optional<ScriptedRestore> script, std::string_view cluster) {
  std::lock_guard lock{mutex_};
  set_switch(scripted_restores_, cluster, std::move(script));
}

std::optional<ScriptedRestore> EmulatorFaults::scripted_restore(std::string_view cluster) const {
  std::lock_guard lock{mutex_};
  const auto* script = switch_for(scripted_restores_, cluster);
  return script == nullptr ? std::nullopt : std::optional{*script};
}

void EmulatorFaults::clear() {
  std::lock_guard lock{mutex_};
  backup_faults_.clear();
  recovery_faults_.clear();
  scripted_restores_.clear();
}

}  // namespace ckpt::cnpgemu
