#include "engine/local/postmaster.hpp"

#include <signal.h>

#include <cerrno>
#include <fstream>

#include "obs/redact.hpp"
#include "pg/process.hpp"

namespace ckpt::engine::local {

std::optional<long> recorded_postmaster_pid(const std::filesystem::path& data_directory) {
  std::ifstream pid_file{data_directory / "postmaster.pid"};
  long pid = 0;
  if (!(pid_file >> pid) || pid <= 0) return std::nullopt;
  return pid;
}

bool postmaster_running(const std::filesystem::path& data_directory) {
  const auto pid = recorded_postmaster_pid(data_directory);
  if (!pid) return false;
  return ::kill(static_cast<pid_t>(*pid), 0) == 0 || errno == EPERM;
}

std::string postmaster_status(const std::filesystem::path& data_directory) {
  constexpr int kStatusLine = 8;  // LOCK_FILE_LINE_PM_STATUS in PostgreSQL's miscadmin.h
  std::ifstream pid_file{data_directory / "postmaster.pid"};
  std::string line;
  for (int number = 1; std::getline(pid_file, line); ++number) {
    if (number == kStatusLine) return pg::last_line_of(line);
  }
  return {};
}

bool accepts_connections(std::string_view status) { return status == "ready" || status == "standby"; }

std::string LogTail::summary() const {
  if (!last_fatal.empty()) return last_fatal;
  if (!last_line.empty()) return last_line;
  return "the server log has no message";
}

LogTail read_log_tail(const std::filesystem::path& log_file, std::uintmax_t offset) {
  LogTail tail;
  std::ifstream log{log_file, std::ios::binary};
  if (!log) return tail;
  log.seekg(static_cast<std::streamoff>(offset));
  std::string line;
  while (std::getline(log, line)) {
    line = obs::redact(line);  // a server's log is a child's output: no credential leaves it
    const bool fatal = line.find("FATAL:") != std::string::npos || line.find("PANIC:") != std::string::npos;
    // "FATAL: the database system is starting up" and the like refuse a connection; they
    // say nothing about why the server itself stopped.
    const bool refused_connection = line.find("the database system is ") != std::string::npos;
    if (fatal && !refused_connection) {
      tail.last_fatal = pg::last_line_of(line);
    }
    if (const auto trimmed = pg::last_line_of(line); !trimmed.empty()) tail.last_line = trimmed;
  }
  return tail;
}

std::uintmax_t size_or_zero(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  return error ? 0 : size;
}

}  // namespace ckpt::engine::local
