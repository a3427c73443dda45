// A PostgreSQL server seen from its data directory and log: whether its postmaster
// runs (postmaster.pid names a live process) and the message it died with (the last
// FATAL or PANIC line its log got since a given offset). Blocking but quick.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ckpt::engine::local {

// The pid recorded in <data_directory>/postmaster.pid; nullopt if there is none.
std::optional<long> recorded_postmaster_pid(const std::filesystem::path& data_directory);

// A postmaster.pid exists and names a live process.
bool postmaster_running(const std::filesystem::path& data_directory);

// The postmaster's own status line in postmaster.pid ("starting", "standby", "ready",
// "stopping"); empty when there is none. pg_ctl -w waits on the same line.
std::string postmaster_status(const std::filesystem::path& data_directory);

// The status says the server takes connections (a hot standby or a primary).
bool accepts_connections(std::string_view status);

// What a server log says after byte `offset`: its last FATAL or PANIC line (connection
// refusals such as "the database system is starting up" do not count) and its last
// non-empty line (empty strings when there are none), credentials redacted (obs/redact.hpp).
struct LogTail {
  std::string last_fatal;
  std::string last_line;

  // The FATAL line if any, else the last line, else a note that the log is silent.
  std::string summary() const;
};

LogTail read_log_tail(const std::filesystem::path& log_file, std::uintmax_t offset);

std::uintmax_t size_or_zero(const std::filesystem::path& file);

}  // namespace ckpt::engine::local
