#include "cnpgemu/backup_job.hpp"

#include "cnpg/json_lookup.hpp"
#include "cnpgemu/base_backup.hpp"
#include "cnpgemu/object_status.hpp"
#include "cnpgemu/recovery_request.hpp"
#include "cnpgemu/source_cluster.hpp"
#include "cnpgemu/stoppable_sleep.hpp"

namespace ckpt::cnpgemu {
namespace {

namespace fs = std::filesystem;
using cnpg::object_at;
using cnpg::string_at;

constexpr const char* kPluginMethod = "plugin";
constexpr const char* kInTreeMethod = "barmanObjectStore";

struct SlotRelease {
  SlotRelease(BackupSlots& slots, std::string cluster_key) : slots_(slots), cluster_key_(std::move(cluster_key)) {}
  SlotRelease(const SlotRelease&) = delete;
  SlotRelease& operator=(const SlotRelease&) = delete;
  ~SlotRelease() { slots_.release(cluster_key_); }

 private:
  BackupSlots& slots_;
  std::string cluster_key_;
};

class BackupJob {
 public:
  BackupJob(EmulatorContext& context, const boost::json::object& backup, const std::stop_token& stop)
      : context_(context),
        backup_(backup),
        stop_(stop),
        ref_{"backups.postgresql.cnpg.io", string_at(object_at(&backup, "metadata"), "namespace"),
             string_at(object_at(&backup, "metadata"), "name")} {}

  void run() {
    const auto source = resolve_source();
    if (!source) return;
    if (method_ == kInTreeMethod && !write({{"phase", "pending"}})) return;
    const auto cluster_key = object_key(source->namespace_name, source->name);
    if (!wait_for_turn(*source, cluster_key)) return;
    const SlotRelease release{context_.backup_slots, cluster_key};
    take(*source);
  }

 private:
  // False when the Backup is gone: nothing more to do.
  bool write(boost::json::object status) { return patch_status(context_.store, ref_, std::move(status)).ok(); }

  void fail(const std::string& error) { (void)write({{"phase", "failed"}, {"error", error}}); }

  std::optional<SourceClusterSpec> resolve_source() {
    const auto* spec = object_at(&backup_, "spec");
    const auto cluster = string_at(object_at(spec, "cluster"), "name");
    if (cluster.empty()) {
      fail("spec.cluster.name: required (the Cluster to back up)");
      return std::nullopt;
    }
    auto source = context_.sources.find(ref_.namespace_name, cluster);
    if (!source) {
      fail("spec.cluster.name: unknown cluster '" + cluster +
           "': the operator emulation backs up only clusters added with add_source_cluster()");
      return std::nullopt;
    }
    method_ = string_at(spec, "method");
    if (method_.empty()) method_ = kInTreeMethod;  // the CRD's default
    if (method_ == kPluginMethod) {
      if (string_at(object_at(spec, "pluginConfiguration"), "name") != kBarmanCloudPlugin) {
        fail(std::string{"spec.pluginConfiguration.name: must be "} + kBarmanCloudPlugin + " for method plugin");
        return std::nullopt;
      }
      if (source->archiver != WalArchiver::plugin) {
        fail("spec.method: cluster " + cluster + " has no " + kBarmanCloudPlugin + " WAL archiver in spec.plugins");
        return std::nullopt;
      }
    } else if (method_ == kInTreeMethod) {
      if (source->archiver != WalArchiver::barman_object_store) {
        fail("spec.method: no barmanObjectStore section defined on the target cluster " + cluster);
        return std::nullopt;
      }
    } else {
      fail("spec.method: " + method_ + " backups are not emulated (use plugin or barmanObjectStore)");
      return std::nullopt;
    }
    return source;
  }

  // Until the Backup may run: archiving works and the cluster's slot is free.
  bool wait_for_turn(const SourceClusterSpec& source, const std::string& cluster_key) {
    std::string shown_phase;
    const auto show = [&](const char* phase, boost::json::object status) {
      if (shown_phase == phase) return true;
      shown_phase = phase;
      status["phase"] = phase;
      return write(std::move(status));
    };
    while (!stop_.stop_requested()) {
      if (context_.faults.backup_fault(source.name) == BackupFault::wal_archiving_failing) {
        if (!show("walArchivingFailing",
                  {{"method", method_},
                   {"error", "WAL archiving is not working for cluster " + source.name +
                                 ": the backup waits until it works again (EmulatorFaults wal_archiving_failing)"}})) {
          return false;
        }
      } else if (context_.backup_slots.try_acquire(cluster_key, ref_.name)) {
        return true;
      } else if (!show("pending", {})) {
        return false;
      }
      if (!sleep_unless_stopped(stop_, context_.options.status_poll)) return false;
    }
    return false;
  }

  // A start time whose backup ID is not taken yet (IDs have one-second resolution).
  std::optional<SystemTime> unique_start(const fs::path& folder) {
    while (true) {
      const auto now = std::chrono::system_clock::now();
      std::error_code error;
      if (!fs::exists(folder / barman_backup_id(now), error)) return now;
      const auto next_second = std::chrono::ceil<std::chrono::seconds>(now) - now;
      if (!sleep_unless_stopped(stop_, std::chrono::ceil<std::chrono::milliseconds>(next_second))) {
        return std::nullopt;
      }
    }
  }

  void take(const SourceClusterSpec& source) {
    const auto folder = context_.options.work_directory / "backups" / source.name;
    const auto started = unique_start(folder);
    if (!started) return;
    const auto backup_id = barman_backup_id(*started);
    const auto backup_name = barman_backup_name(*started);
    const boost::json::object instance{{"podName", source.name + "-1"}};
    boost::json::object running{{"phase", method_ == kPluginMethod ? "started" : "running"},
                                {"method", method_},
                                {"startedAt", rfc3339_seconds(*started)},
                                {"instanceID", instance},
                                {"error", nullptr}};
    if (!write(std::move(running))) return;
    if (context_.faults.backup_fault(source.name) == BackupFault::fail) {
      fail("injected fault: the base backup of cluster " + source.name + " failed (EmulatorFaults fail)");
      return;
    }
    context_.record.base_backup_started(object_key(ref_.namespace_name, ref_.name));
    const ServerAccess access{source.bin_directory, source.socket_directory, source.port, source.user};
    const auto application_name = "cnpg-emulation-backup-" + backup_id;
    std::error_code error;
    fs::create_directories(folder, error);
    const std::stop_callback cancel{stop_, [&] { cancel_base_backup(access, application_name); }};
    auto taken = take_base_backup(access, folder / backup_id, backup_name, application_name,
                                  context_.options.base_backup_timeout);
    if (!taken) {
      fail(taken.error().message);
      return;
    }
    const auto stopped = std::chrono::system_clock::now();
    context_.catalog.add({source.name, backup_id, folder / backup_id, taken->range.begin_lsn, taken->range.end_lsn,
                          taken->begin_wal, taken->end_wal, taken->range.timeline, *started, stopped,
                          source.bin_directory, source.port, source.user});
    boost::json::object completed{{"phase", "completed"},
                                  {"backupId", backup_id},
                                  {"backupName", backup_name},
                                  {"beginWal", taken->begin_wal},
                                  {"endWal", taken->end_wal},
                                  {"beginLSN", format_lsn(taken->range.begin_lsn)},
                                  {"endLSN", format_lsn(taken->range.end_lsn)},
                                  {"startedAt", rfc3339_seconds(*started)},
                                  {"stoppedAt", rfc3339_seconds(stopped)},
                                  {"method", method_},
                                  {"online", true},
                                  {"instanceID", instance}};
    if (method_ == kPluginMethod) {
      completed["pluginMetadata"] = {{"timeline", std::to_string(taken->range.timeline)},
                                     {"pluginName", kBarmanCloudPlugin}};
    } else {
      completed["serverName"] = source.name;
      completed["destinationPath"] = destination_path(source);
    }
    (void)write(std::move(completed));
  }

  EmulatorContext& context_;
  const boost::json::object& backup_;
  std::stop_token stop_;
  kubeapi::ObjectRef ref_;
  std::string method_;
};

}  // namespace

void run_backup(EmulatorContext& context, const boost::json::object& backup, const std::stop_token& stop) {
  BackupJob{context, backup, stop}.run();
}

}  // namespace ckpt::cnpgemu
