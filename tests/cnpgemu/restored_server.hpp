// RestoredServer: a PostgreSQL server the emulation runs from a restored data directory.
// start() launches it with `pg_ctl start` without waiting (recovery may take long and must
// stay cancellable); state() then follows it the way pg_ctl does, through postmaster.pid:
//   starting  no postmaster.pid yet, or a status line other than "ready" (recovering)
//   ready     status "ready": recovery ended and the server was promoted
//   exited    the postmaster is gone (its pid file removed, or the pid not alive), or it
//             logged FATAL before writing a pid file, or none appeared within 60 s
// last_fatal_line() is the last FATAL/PANIC line of its log from "FATAL:" on, skipping the
// ones refused clients get while it starts ("the database system is ...").
// The destructor stops a server still running (pg_ctl stop -m immediate): the restored
// instance lives as long as its owner.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace ckpt::cnpgemu {

class RestoredServer {
 public:
  enum class State { starting, ready, exited };

  RestoredServer(std::filesystem::path bin_directory, std::filesystem::path data_directory,
                 std::filesystem::path log_file);
  RestoredServer(const RestoredServer&) = delete;
  RestoredServer& operator=(const RestoredServer&) = delete;
  ~RestoredServer();

  Result<void> start();
  State state();
  std::string last_fatal_line() const;
  void stop();

 private:
  std::filesystem::path bin_directory_;
  std::filesystem::path data_directory_;
  std::filesystem::path log_file_;
  std::chrono::steady_clock::time_point started_at_;
  bool started_ = false;
  pid_t postmaster_ = 0;  // 0 until postmaster.pid was seen
};

}  // namespace ckpt::cnpgemu
