// A throwaway PostgreSQL 15 server for integration tests. The constructor creates a
// data directory in a temp dir (copied from an initdb template made once per test
// process, with 1 MB WAL segments), configures it (a free port on 127.0.0.1, its own socket directory,
// wal_level = replica, archive_mode = on with a crash-safe archive_command into
// <tmp>/archive, fsync on) and starts it. The destructor stops every server running
// from a data directory inside the temp dir (also instances restored or cut over by
// the code under test), then removes the temp dir. Failures throw std::runtime_error.
// Tests call can_run() first and GTEST_SKIP() with its reason: PostgreSQL refuses to
// run as root, and the binaries may be missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "config/config.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {

class PostgresInstance {
 public:
  static constexpr const char* kBinDirectory = "/usr/lib/postgresql/15/bin";
  static constexpr std::uint64_t kWalSegmentSize = 1024 * 1024;

  static bool can_run(std::string& why);

  PostgresInstance();
  PostgresInstance(const PostgresInstance&) = delete;
  PostgresInstance& operator=(const PostgresInstance&) = delete;
  ~PostgresInstance();

  void start();
  void stop();

  // Runs SQL (several statements allowed) / returns the first column of the first row
  // ("" for NULL), as the superuser in database postgres.
  void exec(const std::string& sql) const;
  std::string query_value(const std::string& sql) const;
  // The same against another server reached through `socket_directory` and `port`.
  std::string query_value_at(const std::filesystem::path& socket_directory, std::uint16_t port,
                             const std::string& sql) const;

  // archive_command = 'false' (ALTER SYSTEM + reload) / back to the working command.
  void break_archiving();
  void fix_archiving();
  // Writes WAL, switches segments and waits (up to 10 s) until pg_stat_archiver counts
  // a new failure. Call after break_archiving().
  void wait_for_archive_failure();

  const std::filesystem::path& root() const { return temp_.path(); }
  const std::filesystem::path& data_directory() const { return data_directory_; }
  std::filesystem::path socket_directory() const { return temp_.path(); }
  std::filesystem::path archive_directory() const { return temp_.path() / "archive"; }
  std::filesystem::path backup_directory() const { return temp_.path() / "backups"; }
  std::filesystem::path restore_directory() const { return temp_.path() / "restore"; }
  std::filesystem::path bin_directory() const { return kBinDirectory; }
  std::filesystem::path log_file() const { return temp_.path() / "server.log"; }
  std::uint16_t port() const { return port_; }
  const std::string& user() const { return user_; }

  // A local-engine cluster config for this server: backups and restores in the temp dir,
  // deadlines short enough for tests.
  config::Cluster local_cluster_config(const std::string& name) const;

  // pg_ctl stop -m fast for a server running from `data_directory`; no-op if none runs.
  static void stop_postgres_at(const std::filesystem::path& data_directory);
  // Crashes the server running from `data_directory` (pg_ctl stop -m immediate: no
  // shutdown checkpoint) and starts it again (pg_ctl -w start, logging to `log_file`),
  // so it comes back only through crash recovery.
  static void crash_and_restart_postgres_at(const std::filesystem::path& data_directory,
                                            const std::filesystem::path& log_file);

 private:
  void set_archive_command(const std::string& command);

  TempDir temp_;
  std::filesystem::path data_directory_;
  std::uint16_t port_ = 0;
  std::string user_;
};

}  // namespace ckpt::test
