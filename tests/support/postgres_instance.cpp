#include "support/postgres_instance.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <pqxx/nontransaction>
#include <stdexcept>
#include <thread>

#include "pg/process.hpp"
#include "pg/session.hpp"
#include "support/free_port.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string current_user() {
  const auto* entry = ::getpwuid(::geteuid());
  if (entry == nullptr) throw std::runtime_error("cannot find the name of the current user");
  return entry->pw_name;
}

pg::ProcessOutput run_or_throw(std::vector<std::string> argv, std::chrono::milliseconds timeout = 60s) {
  pg::ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.env = {{"LC_ALL", "C"}};
  spec.timeout = timeout;
  auto output = pg::run_process(spec);
  if (!output) throw std::runtime_error(output.error().message);
  if (output->exit_code != 0) {
    throw std::runtime_error("`" + pg::describe_command(spec.argv) + "` failed with exit code " +
                             std::to_string(output->exit_code) + ": " + output->output);
  }
  return output.value();
}

std::string tool(std::string_view name) {
  return (fs::path{PostgresInstance::kBinDirectory} / name).string();
}

// initdb once per test process; every instance starts from a copy. 1 MB WAL segments
// keep archiving and restores fast, and exercise the non-default segment size.
const fs::path& template_data_directory() {
  static const TempDir directory{"ckpt-tpl"};
  static const fs::path data = [] {
    auto path = directory.path() / "data";
    run_or_throw({tool("initdb"), "-D", path.string(), "-A", "trust", "-U", current_user(), "--no-sync",
                  "--no-instructions", "-E", "UTF8", "--locale=C",
                  "--wal-segsize=" + std::to_string(PostgresInstance::kWalSegmentSize / (1024 * 1024))});
    return path;
  }();
  return data;
}

// Crash-safe (trap 4 of baseline.md): copy to a temporary name, fsync, rename; a file
// that is already there is success only when it is identical.
std::string archive_command_for(const fs::path& archive) {
  const auto target = archive.string() + "/%f";
  return "if test -f " + target + "; then cmp -s %p " + target + "; else cp %p " + target + ".tmp && sync " + target +
         ".tmp && mv " + target + ".tmp " + target + "; fi";
}

pg::ConnParams connection_to(const fs::path& socket_directory, std::uint16_t port, const std::string& user) {
  pg::ConnParams params;
  params.host = socket_directory.string();
  params.port = port;
  params.user = user;
  params.dbname = "postgres";
  params.connect_timeout = 10s;
  params.application_name = "checkpointd-tests";
  return params;
}

pg::Session connect_or_throw(const pg::ConnParams& params) {
  auto session = pg::open_session(params);
  if (!session) throw std::runtime_error(session.error().message);
  return std::move(session.value());
}

void make_directory(const fs::path& path) {
  if (::mkdir(path.c_str(), 0700) != 0) throw std::runtime_error("cannot create " + path.string());
}

}  // namespace

bool PostgresInstance::can_run(std::string& why) {
  if (::geteuid() == 0) {
    why = "PostgreSQL refuses to run as root; run the integration tests as an unprivileged user";
    return false;
  }
  for (const auto* program : {"initdb", "pg_ctl", "pg_basebackup", "pg_controldata", "postgres"}) {
    if (::access(tool(program).c_str(), X_OK) != 0) {
      why = "PostgreSQL 15 is not installed: " + tool(program) + " is missing (apt-get install postgresql-15)";
      return false;
    }
  }
  return true;
}

PostgresInstance::PostgresInstance() : temp_("ckpt-pg"), data_directory_(temp_.path() / "data"), user_(current_user()) {
  run_or_throw({"cp", "-a", template_data_directory().string(), data_directory_.string()});
  make_directory(archive_directory());
  make_directory(backup_directory());
  make_directory(restore_directory());
  port_ = free_tcp_port();
  std::ofstream conf{data_directory_ / "postgresql.conf", std::ios::app};
  conf << "\n# checkpointd test instance\n"
       << "port = " << port_ << "\n"
       << "listen_addresses = '127.0.0.1'\n"
       << "unix_socket_directories = '" << socket_directory().string() << "'\n"
       << "wal_level = replica\n"
       << "archive_mode = on\n"
       << "archive_command = '" << archive_command_for(archive_directory()) << "'\n"
       << "max_wal_senders = 4\n"
       << "fsync = on\n"
       << "shared_buffers = 32MB\n"
       << "max_connections = 20\n"
       << "log_line_prefix = '%m [%p] '\n";
  conf.close();
  if (!conf) throw std::runtime_error("cannot configure " + data_directory_.string());
  start();
}

PostgresInstance::~PostgresInstance() {
  std::vector<fs::path> data_directories{data_directory_};
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(restore_directory(), error)) data_directories.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(root(), error)) {
    if (entry.path().filename().string().starts_with("data.replaced-")) data_directories.push_back(entry.path());
  }
  for (const auto& directory : data_directories) {
    try {
      stop_postgres_at(directory);
    } catch (const std::exception&) {
      // Best effort at teardown: a server that will not stop must not hide the test's result.
    }
  }
}

void PostgresInstance::start() {
  run_or_throw({tool("pg_ctl"), "-D", data_directory_.string(), "-l", log_file().string(), "-w", "-t", "60", "start"},
               70s);
}

void PostgresInstance::stop() {
  stop_postgres_at(data_directory_);
}

void PostgresInstance::stop_postgres_at(const fs::path& data_directory) {
  std::error_code error;
  if (!fs::exists(data_directory / "postmaster.pid", error)) return;
  run_or_throw({tool("pg_ctl"), "-D", data_directory.string(), "-m", "fast", "-w", "-t", "60", "stop"}, 70s);
}

void PostgresInstance::crash_and_restart_postgres_at(const fs::path& data_directory, const fs::path& log_file) {
  run_or_throw({tool("pg_ctl"), "-D", data_directory.string(), "-m", "immediate", "-w", "-t", "60", "stop"}, 70s);
  run_or_throw({tool("pg_ctl"), "-D", data_directory.string(), "-l", log_file.string(), "-w", "-t", "60", "start"},
               70s);
}

void PostgresInstance::exec(const std::string& sql) const {
  auto session = connect_or_throw(connection_to(socket_directory(), port_, user_));
  pqxx::nontransaction transaction{*session};
  transaction.exec(sql);
}

std::string PostgresInstance::query_value(const std::string& sql) const {
  return query_value_at(socket_directory(), port_, sql);
}

std::string PostgresInstance::query_value_at(const fs::path& socket_directory, std::uint16_t port,
                                             const std::string& sql) const {
  auto session = connect_or_throw(connection_to(socket_directory, port, user_));
  pqxx::nontransaction transaction{*session};
  const auto field = transaction.exec1(sql)[0];
  return field.is_null() ? std::string{} : field.as<std::string>();
}

void PostgresInstance::set_archive_command(const std::string& command) {
  auto session = connect_or_throw(connection_to(socket_directory(), port_, user_));
  pqxx::nontransaction transaction{*session};
  transaction.exec("ALTER SYSTEM SET archive_command = " + transaction.quote(command));
  transaction.exec("SELECT pg_reload_conf()");
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  // A new session forks from the postmaster: once it sees the value, the reload happened.
  while (query_value("SELECT current_setting('archive_command')") != command) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("archive_command was not reloaded");
    std::this_thread::sleep_for(20ms);
  }
}

void PostgresInstance::break_archiving() {
  set_archive_command("false");
}

void PostgresInstance::fix_archiving() {
  set_archive_command(archive_command_for(archive_directory()));
}

void PostgresInstance::wait_for_archive_failure() {
  const auto failures_before = std::stoll(query_value("SELECT failed_count FROM pg_stat_archiver"));
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    exec("SELECT pg_logical_emit_message(false, 'checkpointd-test', 'x'); SELECT pg_switch_wal();");
    for (int i = 0; i < 25; ++i) {
      if (std::stoll(query_value("SELECT failed_count FROM pg_stat_archiver")) > failures_before) return;
      std::this_thread::sleep_for(20ms);
    }
  }
  throw std::runtime_error("the archiver recorded no failure within 10 s");
}

config::Cluster PostgresInstance::local_cluster_config(const std::string& name) const {
  config::Cluster cluster;
  cluster.name = name;
  cluster.engine = "local";
  cluster.deadlines.preflight = 10s;
  cluster.deadlines.backup = 60s;
  cluster.deadlines.archive_wait = 10s;
  cluster.deadlines.restore = 60s;
  config::LocalCluster local;
  local.data_directory = data_directory_;
  local.port = port_;
  local.host = socket_directory().string();
  local.user = user_;
  local.database = "postgres";
  local.bin_directory = kBinDirectory;
  local.archive_directory = archive_directory();
  local.backup_directory = backup_directory();
  local.restore_directory = restore_directory();
  local.restore_parallelism = 2;
  cluster.local = local;
  return cluster;
}

}  // namespace ckpt::test
