// The PostgreSQL programs the local engine runs, with their arguments built in one
// place: pg_basebackup, pg_ctl (start, promote, stop) and pg_controldata. Connection secrets go
// through the environment (PGPASSFILE), never argv. Every command is logged at debug
// level through `log` (its context fields: checkpoint, cluster) when it is set: the
// command line, redacted, and how it ended. Blocking: run on the thread pool.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/result.hpp"
#include "obs/context_logger.hpp"
#include "pg/process.hpp"

namespace ckpt::engine::local {

struct PgTools {
  std::filesystem::path bin_directory;
  std::filesystem::path password_file;  // optional
  std::optional<obs::ContextLogger> log;  // optional: debug lines of the commands run

  // pg_basebackup -D <target> -Fp -Xs -c fast -l <label> -h -p -U -w --no-sync: the
  // caller syncs the copy with one syncfs (pg_basebackup's fsync per file is 5-10x slower).
  Result<void> base_backup(const config::LocalCluster& source, const std::filesystem::path& target,
                           const std::string& label, std::chrono::milliseconds timeout) const;

  // pg_ctl start. `wait` false: returns once the postmaster is forked (-W).
  Result<void> start(const std::filesystem::path& data_directory, const std::filesystem::path& log_file, bool wait,
                     std::chrono::milliseconds timeout) const;

  // pg_ctl promote -W: asks a server in recovery to promote (ends recovery with an
  // end-of-recovery WAL record; the checkpoint after it runs in the background) and
  // returns without waiting; the caller polls pg_is_in_recovery().
  Result<void> promote(const std::filesystem::path& data_directory, std::chrono::milliseconds timeout) const;

  // pg_ctl stop -m fast, waiting until the server is down.
  Result<void> stop(const std::filesystem::path& data_directory, std::chrono::milliseconds timeout) const;

  // "Bytes per WAL segment" from pg_controldata.
  Result<std::uint64_t> wal_segment_size(const std::filesystem::path& data_directory,
                                         std::chrono::milliseconds timeout) const;

 private:
  Result<pg::ProcessOutput> run(std::string_view step, pg::ProcessSpec spec) const;
};

}  // namespace ckpt::engine::local
