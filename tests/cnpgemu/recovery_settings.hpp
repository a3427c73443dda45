// The PostgreSQL settings of a restored instance, as CNPG writes them into custom.conf
// (api/v1/cluster_funcs.go BuildPostgresOptions, pkg/management/postgres/restore.go):
//   restore_command              copies a segment from the source's archive folder
//   recovery_target_action       'promote'
//   recovery_target_timeline     targetTLI, when set
//   recovery_target_lsn/_time/_name/_xid, or recovery_target = 'immediate'
//   recovery_target_inclusive    'false' when exclusive is true, else 'true'
// plus how the instance is reached and archives: port, listen_addresses = '' (no TCP),
// unix_socket_directories = the rw service directory, archive_mode/archive_command
// into its own archive folder (or archive_mode = off), and fsync = off (a restored test
// instance is disposable; syncing the copied data directory at start costs seconds).
//
// prepare_data_directory() makes a restored base backup start as a recovering instance:
// custom.conf written and included from postgresql.conf, postgresql.auto.conf emptied
// (the instance manager owns it; an ALTER SYSTEM of the source must not override
// custom.conf), recovery.signal created.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cnpgemu/recovery_request.hpp"
#include "core/result.hpp"

namespace ckpt::cnpgemu {

struct InstanceSettings {
  std::uint16_t port = 0;
  std::filesystem::path socket_directory;
  std::filesystem::path restore_from;               // the archive folder read by restore_command
  std::optional<std::filesystem::path> archive_to;  // the instance's own archive folder
};

std::string render_custom_conf(const RecoveryTarget& target, const InstanceSettings& settings);

Result<void> prepare_data_directory(const std::filesystem::path& data_directory, const std::string& custom_conf);

}  // namespace ckpt::cnpgemu
