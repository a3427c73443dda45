#include "cnpgemu/restored_server.hpp"

#include <signal.h>

#include <cerrno>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "pg/process.hpp"

namespace ckpt::cnpgemu {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kPidFileGrace = 60s;

struct PidFile {
  pid_t pid = 0;
  std::string status;  // line 8: starting | stopping | ready | standby; "" before it is written
};

std::optional<PidFile> read_pid_file(const fs::path& data_directory) {
  std::ifstream file{data_directory / "postmaster.pid"};
  if (!file) return std::nullopt;
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  if (lines.empty()) return PidFile{};
  PidFile pid_file;
  try {
    pid_file.pid = static_cast<pid_t>(std::stol(lines[0]));
  } catch (const std::exception&) {
    return PidFile{};  // being written
  }
  if (lines.size() >= 8) {
    pid_file.status = lines[7];
    pid_file.status.erase(pid_file.status.find_last_not_of(' ') + 1);
  }
  return pid_file;
}

bool alive(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

RestoredServer::RestoredServer(fs::path bin_directory, fs::path data_directory, fs::path log_file)
    : bin_directory_(std::move(bin_directory)),
      data_directory_(std::move(data_directory)),
      log_file_(std::move(log_file)) {}

RestoredServer::~RestoredServer() {
  stop();
}

Result<void> RestoredServer::start() {
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory_ / "pg_ctl").string(), "--pgdata=" + data_directory_.string(),
               "--log=" + log_file_.string(), "--no-wait", "start"};
  spec.env = {{"LC_ALL", "C"}};
  spec.timeout = 30s;
  started_at_ = std::chrono::steady_clock::now();
  auto output = pg::run_process(spec);
  if (!output) return std::move(output).error();
  if (output->exit_code != 0) return make_error(ErrorCode::engine_error, pg::last_line_of(output->output));
  started_ = true;
  return {};
}

RestoredServer::State RestoredServer::state() {
  if (!started_) return State::exited;
  const auto pid_file = read_pid_file(data_directory_);
  if (pid_file && pid_file->pid > 0) postmaster_ = pid_file->pid;
  if (!pid_file) {
    const bool gave_up = postmaster_ != 0 || !last_fatal_line().empty() ||
                         std::chrono::steady_clock::now() - started_at_ > kPidFileGrace;
    return gave_up ? State::exited : State::starting;
  }
  if (postmaster_ != 0 && !alive(postmaster_)) return State::exited;
  return pid_file->status == "ready" ? State::ready : State::starting;
}

std::string RestoredServer::last_fatal_line() const {
  std::ifstream log{log_file_};
  std::string last;
  for (std::string line; std::getline(log, line);) {
    auto at = line.find("FATAL:");
    if (at == std::string::npos) at = line.find("PANIC:");
    if (at == std::string::npos || line.find("the database system is", at) != std::string::npos) continue;
    last = line.substr(at);
  }
  return last;
}

void RestoredServer::stop() {
  if (!started_ || !fs::exists(data_directory_ / "postmaster.pid")) return;
  pg::ProcessSpec spec;
  spec.argv = {(bin_directory_ / "pg_ctl").string(),
               "--pgdata=" + data_directory_.string(),
               "--mode=immediate",
               "--wait",
               "--timeout=30",
               "stop"};
  spec.env = {{"LC_ALL", "C"}};
  spec.timeout = 40s;
  (void)pg::run_process(spec);  // best effort: a server that will not stop must not block teardown
}

}  // namespace ckpt::cnpgemu
