#include "cnpgemu/recovery_job.hpp"

#include "cnpg/json_lookup.hpp"
#include "cnpgemu/recovery_request.hpp"
#include "cnpgemu/recovery_settings.hpp"
#include "cnpgemu/recovery_status.hpp"
#include "cnpgemu/restored_server.hpp"
#include "cnpgemu/stoppable_sleep.hpp"
#include "pg/instance_state.hpp"
#include "pg/process.hpp"
#include "pg/session.hpp"

namespace ckpt::cnpgemu {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using cnpg::object_at;
using cnpg::string_at;

bool empty_or_missing(const fs::path& folder) {
  std::error_code error;
  return !fs::exists(folder, error) || fs::is_empty(folder, error);
}

// A fresh directory at `path`, replacing whatever was there.
Result<void> recreate_directory(const fs::path& path) {
  std::error_code error;
  fs::remove_all(path, error);
  fs::create_directories(path, error);
  if (!error) fs::permissions(path, fs::perms::owner_all, error);
  if (error) return make_error(ErrorCode::engine_error, "cannot create " + path.string() + ": " + error.message());
  return {};
}

Result<void> copy_base_backup(const fs::path& backup, const fs::path& data_directory) {
  pg::ProcessSpec spec;
  spec.argv = {"cp", "-a", backup.string(), data_directory.string()};
  spec.timeout = 30min;
  auto output = pg::run_process(spec);
  if (!output) return std::move(output).error();
  if (output->exit_code != 0) {
    return make_error(ErrorCode::engine_error, "restoring the base backup failed: " + pg::last_line_of(output->output));
  }
  return {};
}

class RecoveryJob {
 public:
  RecoveryJob(EmulatorContext& context, const boost::json::object& cluster, const std::stop_token& stop)
      : context_(context),
        cluster_(cluster),
        stop_(stop),
        namespace_name_(string_at(object_at(&cluster, "metadata"), "namespace")),
        name_(string_at(object_at(&cluster, "metadata"), "name")),
        key_(object_key(namespace_name_, name_)),
        status_(context.store, namespace_name_, name_),
        service_directory_(service_directory(context.options.services_directory, namespace_name_, name_)) {}

  void run() {
    auto request = read_recovery_request(cluster_);
    if (!request) {
      (void)status_.invalid(request.error().message);
      return;
    }
    if (!status_.setting_up()) return;
    context_.record.recovery_started(key_);
    const auto fault = context_.faults.recovery_fault(name_);
    if (fault == RecoveryFault::fail) {
      (void)status_.unrecoverable("injected fault: the recovery Job failed (EmulatorFaults fail)");
      return;
    }
    if (fault == RecoveryFault::stick) return;
    if (const auto script = context_.faults.scripted_restore(name_)) {
      play(*script);
      return;
    }
    restore(*request);
  }

 private:
  void play(const ScriptedRestore& script) {
    if (!sleep_unless_stopped(stop_, script.delay)) return;
    std::error_code error;
    fs::create_directories(service_directory_.parent_path(), error);
    fs::remove_all(service_directory_, error);
    fs::create_directory_symlink(script.socket_directory, service_directory_, error);
    if (error) {
      (void)status_.unrecoverable("scripted restore: cannot link " + service_directory_.string() + " to " +
                                  script.socket_directory.string() + ": " + error.message());
      return;
    }
    promoted(script.timeline);
  }

  void restore(const RecoveryRequest& request) {
    if (!request.source_object_store.empty() &&
        !context_.store.get({"objectstores.barmancloud.cnpg.io", namespace_name_, request.source_object_store})) {
      (void)status_.unrecoverable("ObjectStore " + namespace_name_ + "/" + request.source_object_store +
                                  " not found (externalClusters plugin parameter barmanObjectName)");
      return;
    }
    std::optional<fs::path> archive_to;
    if (request.archive_server_name) {
      archive_to = context_.sources.archive_folder(*request.archive_server_name);
      if (!empty_or_missing(*archive_to)) {
        (void)status_.setting_up("ERROR: WAL archive check failed for server " + *request.archive_server_name +
                                 ": Expected empty archive (" + archive_to->string() + " is not empty)");
        return;
      }
    }
    auto backup = context_.catalog.choose(request.source_server_name, request.target.backup_choice());
    if (!backup) {
      (void)status_.unrecoverable(backup.error().message);
      return;
    }
    const auto restore_from = context_.sources.archive_folder(request.source_server_name);
    std::error_code error;
    if (!fs::exists(restore_from / backup->begin_wal, error)) {
      (void)status_.unrecoverable("the archive of server " + request.source_server_name + " lacks WAL file " +
                                  backup->begin_wal + ", the beginWal of backup " + backup->backup_id);
      return;
    }
    const InstanceSettings settings{backup->port, service_directory_, restore_from, archive_to};
    const auto directory = context_.options.work_directory / "clusters" / namespace_name_ / name_;
    RestoredServer server{backup->bin_directory, directory / "pgdata", directory / "postgres.log"};
    if (auto prepared = prepare(*backup, request.target, settings, directory); !prepared) {
      (void)status_.unrecoverable(prepared.error().message);
      return;
    }
    if (auto started = server.start(); !started) {
      (void)status_.unrecoverable("cannot start PostgreSQL: " + started.error().message);
      return;
    }
    const auto timeline = wait_for_promotion(server, *backup);
    if (!timeline) return;
    promoted(*timeline);
    sleep_unless_stopped(stop_, std::chrono::milliseconds::max());
  }

  Result<void> prepare(const CatalogBackup& backup, const RecoveryTarget& target, const InstanceSettings& settings,
                       const fs::path& directory) {
    if (auto created = recreate_directory(directory); !created) return created;
    if (auto copied = copy_base_backup(backup.directory, directory / "pgdata"); !copied) return copied;
    if (auto created = recreate_directory(service_directory_); !created) return created;
    if (settings.archive_to) {
      std::error_code error;
      fs::create_directories(*settings.archive_to, error);
      if (error) return make_error(ErrorCode::engine_error, "cannot create " + settings.archive_to->string());
    }
    return prepare_data_directory(directory / "pgdata", render_custom_conf(target, settings));
  }

  // The promoted server's timeline; nullopt when it exited (the status says why) or on stop.
  std::optional<std::uint32_t> wait_for_promotion(RestoredServer& server, const CatalogBackup& backup) {
    do {
      const auto state = server.state();
      if (state == RestoredServer::State::exited) {
        const auto fatal = server.last_fatal_line();
        (void)status_.unrecoverable(fatal.empty() ? "PostgreSQL exited during recovery without a FATAL line" : fatal);
        return std::nullopt;
      }
      if (state == RestoredServer::State::ready) {
        if (const auto timeline = promoted_timeline(backup)) return timeline;
      }
    } while (sleep_unless_stopped(stop_, context_.options.status_poll));
    return std::nullopt;
  }

  std::optional<std::uint32_t> promoted_timeline(const CatalogBackup& backup) const {
    pg::ConnParams params;
    params.host = service_directory_.string();
    params.port = backup.port;
    params.user = backup.user;
    params.dbname = "postgres";
    params.connect_timeout = 5s;
    params.application_name = "cnpg-emulation";
    auto session = pg::open_session(params);
    if (!session) return std::nullopt;
    const auto in_recovery = pg::is_in_recovery(**session);
    if (!in_recovery || *in_recovery) return std::nullopt;
    auto timeline = pg::current_timeline(**session);
    return timeline ? std::optional{*timeline} : std::nullopt;
  }

  // The Ready moment is recorded before the write, so whoever sees Ready=True finds it.
  void promoted(std::uint32_t timeline) {
    if (!status_.initialized(timeline)) return;
    const ReadyTime ready{std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
    context_.record.ready(key_, ready);
    (void)status_.healthy(timeline, ready);
  }

  EmulatorContext& context_;
  const boost::json::object& cluster_;
  std::stop_token stop_;
  std::string namespace_name_;
  std::string name_;
  std::string key_;
  RecoveryClusterStatus status_;
  fs::path service_directory_;
};

}  // namespace

void run_recovery(EmulatorContext& context, const boost::json::object& cluster, const std::stop_token& stop) {
  RecoveryJob{context, cluster, stop}.run();
}

}  // namespace ckpt::cnpgemu
