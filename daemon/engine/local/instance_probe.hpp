// Looks at a recovering instance, one step at a time (the caller waits between looks):
// starting (no postmaster.pid yet, or not accepting connections), recovering, paused
// (replay paused: at its target, with recovery_target_action = pause), promoted (out of
// recovery) or exited (its postmaster is gone: the exit message is its log's FATAL line,
// or its last line). A postmaster that never writes postmaster.pid within a grace period
// after `started` counts as exited. Keeps one connection between looks. Blocking: run
// on the pool.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "pg/conninfo.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {

class InstanceProbe {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Seen { starting, recovering, paused, promoted, exited };

  InstanceProbe(std::filesystem::path data_directory, std::filesystem::path log_file, pg::ConnParams connection,
                std::uintmax_t log_offset, Clock::time_point started);

  Seen look();
  // Why the instance exited (after Seen::exited).
  const std::string& exit_message() const { return exit_message_; }
  void disconnect() { session_.reset(); }

 private:
  std::filesystem::path data_directory_;
  std::filesystem::path log_file_;
  pg::ConnParams connection_;
  std::uintmax_t log_offset_;
  Clock::time_point started_;
  pg::Session session_;
  bool pid_file_seen_ = false;
  std::string exit_message_;
};

}  // namespace ckpt::engine::local
