#include "engine/local/instance_probe.hpp"

#include "engine/local/postmaster.hpp"
#include "pg/instance_state.hpp"

namespace ckpt::engine::local {
namespace {

using namespace std::chrono_literals;

constexpr auto kPidFileGrace = 10s;  // a started postmaster writes postmaster.pid within this

}  // namespace

InstanceProbe::InstanceProbe(std::filesystem::path data_directory, std::filesystem::path log_file,
                             pg::ConnParams connection, std::uintmax_t log_offset, Clock::time_point started)
    : data_directory_(std::move(data_directory)),
      log_file_(std::move(log_file)),
      connection_(std::move(connection)),
      log_offset_(log_offset),
      started_(started) {}

InstanceProbe::Seen InstanceProbe::look() {
  if (!session_) {
    if (!postmaster_running(data_directory_)) {
      const auto tail = read_log_tail(log_file_, log_offset_);
      if (pid_file_seen_ || !tail.last_fatal.empty() || Clock::now() - started_ > kPidFileGrace) {
        exit_message_ = tail.summary();
        return Seen::exited;
      }
      return Seen::starting;
    }
    pid_file_seen_ = true;
    if (!accepts_connections(postmaster_status(data_directory_))) return Seen::starting;
    auto session = pg::open_session(connection_);
    if (!session) return Seen::starting;
    session_ = std::move(session.value());
  }
  auto recovering = pg::is_in_recovery(*session_);
  if (recovering && *recovering) {
    auto paused = pg::is_replay_paused(*session_);
    return paused && *paused ? Seen::paused : Seen::recovering;
  }
  session_.reset();  // gone (a lost connection is looked at again) or promoted
  return recovering ? Seen::promoted : Seen::recovering;
}

}  // namespace ckpt::engine::local
