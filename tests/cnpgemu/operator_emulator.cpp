#include "cnpgemu/operator_emulator.hpp"

#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "cnpg/json_lookup.hpp"
#include "cnpgemu/backup_job.hpp"
#include "cnpgemu/emulator_context.hpp"
#include "cnpgemu/recovery_job.hpp"
#include "cnpgemu/recovery_status.hpp"
#include "cnpgemu/source_cluster.hpp"
#include "cnpgemu/stoppable_sleep.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::cnpgemu {
namespace {

using cnpg::object_at;
using cnpg::string_at;
using kubeapi::metadata_field;

constexpr const char* kBackups = "backups.postgresql.cnpg.io";
constexpr const char* kClusters = "clusters.postgresql.cnpg.io";

bool has_phase(const boost::json::object& object) {
  return !string_at(object_at(&object, "status"), "phase").empty();
}

bool is_recovery_cluster(const boost::json::object& cluster) {
  return object_at(object_at(object_at(&cluster, "spec"), "bootstrap"), "recovery") != nullptr;
}

}  // namespace

struct OperatorEmulator::Impl {
  Impl(kubeapi::KubeApiServer& api_server, EmulatorOptions options)
      : server(api_server), context(api_server.store(), std::move(options)) {
    std::error_code error;
    std::filesystem::create_directories(context.options.work_directory, error);
    std::filesystem::create_directories(context.options.services_directory, error);
    subscription = server.on_change([this](const kubeapi::ChangeEvent& change) { on_change(change); });
    for (const auto* resource : {kBackups, kClusters}) {
      auto existing = context.store.list(resource);
      if (!existing) continue;
      for (const auto& object : existing->items) consider(resource, object);
    }
    poller = std::jthread{[this](const std::stop_token& stop) { poll_sources(stop); }};
  }

  ~Impl() {
    subscription.reset();
    std::lock_guard lock{mutex};
    poller.request_stop();
    for (auto& worker : workers) worker.request_stop();
    for (auto& [key, job] : recovery_jobs) job.request_stop();
    // The jthreads join as they are destroyed, after all were asked to stop.
  }

  void on_change(const kubeapi::ChangeEvent& change) {
    const auto resource = change.resource->qualified_name();
    if (change.type == kubeapi::EventType::deleted) {
      if (resource == kClusters) stop_recovery(object_key(change.namespace_name(), change.name()));
      return;
    }
    consider(resource, change.object);
  }

  // Starts the job for an object the operator has not acted on yet.
  void consider(const std::string& resource, const boost::json::object& object) {
    const bool backup = resource == kBackups;
    if ((!backup && (resource != kClusters || !is_recovery_cluster(object))) || has_phase(object)) return;
    std::lock_guard lock{mutex};
    if (!claimed.insert(metadata_field(object, "uid")).second) return;
    if (backup) {
      workers.emplace_back([this, object](const std::stop_token& stop) {
        guarded(object, stop, run_backup, [&](const std::string& error) {
          (void)patch_status(context.store, kubeapi::ref_of(kBackups, object), {{"phase", "failed"}, {"error", error}});
        });
      });
      return;
    }
    const auto key = object_key(metadata_field(object, "namespace"), metadata_field(object, "name"));
    auto former = std::move(recovery_jobs[key]);
    former.request_stop();
    recovery_jobs[key] =
        std::jthread{[this, object, previous = std::move(former)](const std::stop_token& stop) mutable {
          if (previous.joinable()) previous.join();  // the Cluster's former incarnation stops first
          guarded(object, stop, run_recovery, [&](const std::string& error) {
            RecoveryClusterStatus status{context.store, metadata_field(object, "namespace"),
                                         metadata_field(object, "name")};
            (void)status.unrecoverable(error);
          });
        }};
  }

  // Runs a job; an exception becomes the object's failure status instead of ending the process.
  template <typename Job, typename Fail>
  void guarded(const boost::json::object& object, const std::stop_token& stop, Job job, Fail fail) {
    try {
      job(context, object, stop);
    } catch (const std::exception& failure) {
      fail(std::string{"internal error of the operator emulation: "} + failure.what());
    }
  }

  void stop_recovery(const std::string& key) {
    std::lock_guard lock{mutex};
    const auto job = recovery_jobs.find(key);
    if (job != recovery_jobs.end()) job->second.request_stop();
  }

  void poll_sources(const std::stop_token& stop) {
    do {
      std::lock_guard lock{sources_mutex};
      for (auto& source : sources) (void)source->refresh();  // an unreachable server keeps its last status
    } while (sleep_unless_stopped(stop, context.options.status_poll));
  }

  kubeapi::KubeApiServer& server;
  EmulatorContext context;
  std::mutex sources_mutex;
  std::vector<std::unique_ptr<SourceClusterStatus>> sources;
  std::mutex mutex;  // guards claimed, workers and recovery_jobs
  std::set<std::string> claimed;
  std::vector<std::jthread> workers;
  std::map<std::string, std::jthread> recovery_jobs;
  std::jthread poller;
  kubeapi::ChangeFeed::Subscription subscription;
};

OperatorEmulator::OperatorEmulator(kubeapi::KubeApiServer& server, EmulatorOptions options)
    : impl_(std::make_unique<Impl>(server, std::move(options))) {}

OperatorEmulator::~OperatorEmulator() = default;

Result<void> OperatorEmulator::add_source_cluster(const SourceClusterSpec& spec) {
  auto& context = impl_->context;
  if (auto created = create_source_objects(context.store, spec, context.options.services_directory); !created) {
    return created;
  }
  auto status = std::make_unique<SourceClusterStatus>(context.store, spec);
  if (auto started = status->start(); !started) return started;
  context.sources.add(spec);
  std::lock_guard lock{impl_->sources_mutex};
  impl_->sources.push_back(std::move(status));
  return {};
}

EmulatorFaults& OperatorEmulator::faults() {
  return impl_->context.faults;
}

std::filesystem::path OperatorEmulator::service_directory(std::string_view namespace_name,
                                                          std::string_view cluster) const {
  return cnpgemu::service_directory(impl_->context.options.services_directory, namespace_name, cluster);
}

std::size_t OperatorEmulator::base_backups_started(std::string_view namespace_name, std::string_view backup) const {
  return impl_->context.record.base_backups_started(object_key(namespace_name, backup));
}

std::size_t OperatorEmulator::recoveries_started(std::string_view namespace_name, std::string_view cluster) const {
  return impl_->context.record.recoveries_started(object_key(namespace_name, cluster));
}

std::optional<ReadyTime> OperatorEmulator::ready_time(std::string_view namespace_name, std::string_view cluster) const {
  return impl_->context.record.ready_time(object_key(namespace_name, cluster));
}

}  // namespace ckpt::cnpgemu
