#include "overhead_run.hpp"

#include <spdlog/fmt/fmt.h>

#include <boost/json/array.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "admission_clock.hpp"
#include "bench_cluster.hpp"
#include "core/time_format.hpp"
#include "kube_probe.hpp"
#include "latency_summary.hpp"

namespace ckpt::bench {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using TimePoint = std::chrono::system_clock::time_point;

constexpr auto kArrivalTimeout = 10s;
constexpr const char* kNamespace = CnpgBenchCluster::kNamespace;
constexpr const char* kClusters = CnpgBenchCluster::kClustersResource;
// A plain Cluster (not a recovery one, so the emulation leaves it alone) for the watch baseline.
constexpr const char* kWatchedCluster = "bench-watch";

kube::ResourceRef clusters_ref(std::string name = {}) {
  return {"postgresql.cnpg.io", "v1", "clusters", kNamespace, std::move(name)};
}

TimePoint admitted(AdmissionClock& admissions, const std::string& cluster) {
  const auto at = admissions.wait_for(cluster, kArrivalTimeout);
  if (!at) throw std::runtime_error("the API server never accepted Cluster " + cluster);
  return *at;
}

// When the restore reached `phase`, from the checkpoint's restore.phases.
TimePoint phase_mark(const json::object& checkpoint, std::string_view phase) {
  for (const auto& mark : checkpoint.at("restore").at("phases").as_array()) {
    if (mark.at("phase").as_string() != phase) continue;
    const auto at = parse_rfc3339(mark.at("at").as_string());
    if (!at) throw std::runtime_error("restore phase mark '" + std::string{phase} + "' has an unreadable time");
    return *at;
  }
  throw std::runtime_error("checkpoint " + std::string{checkpoint.at("id").as_string()} +
                           " has no restore phase mark '" + std::string{phase} + "'");
}

// The recovery Cluster `like` under another name: what a bare create sends.
json::object renamed_cluster(const json::object& like, const std::string& name) {
  json::object metadata{{"name", name}, {"namespace", kNamespace}};
  const auto& original = like.at("metadata").as_object();
  if (const auto* labels = original.if_contains("labels")) metadata["labels"] = *labels;
  return {{"apiVersion", like.at("apiVersion")},
          {"kind", like.at("kind")},
          {"metadata", std::move(metadata)},
          {"spec", like.at("spec")}};
}

json::object watched_cluster() {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", kWatchedCluster}, {"namespace", kNamespace}}},
          {"spec", {{"instances", 1}, {"storage", {{"size", "1Gi"}}}}}};
}

// A status as the emulation writes it: healthy with Ready=True, or setting up with Ready=False.
json::object readiness_patch(bool ready) {
  json::object condition{{"type", "Ready"},
                         {"status", ready ? "True" : "False"},
                         {"reason", ready ? "ClusterIsReady" : "ClusterIsNotReady"},
                         {"message", ready ? "Cluster is Ready" : "Cluster Is Not Ready"},
                         {"lastTransitionTime", format_rfc3339(std::chrono::system_clock::now())}};
  return {{"status",
           {{"phase", ready ? "Cluster in healthy state" : "Setting up primary"},
            {"conditions", json::array{std::move(condition)}}}}};
}

class OverheadBenchmark {
 public:
  OverheadBenchmark(const OverheadOptions& options, std::ostream& progress)
      : options_(options), progress_(progress), admissions_(cluster_.server(), kClusters), probe_(cluster_.kubeconfig()) {}

  std::vector<OverheadSample> run() {
    warm_up();
    start_watch_baseline();
    progress_ << fmt::format("{:>4} {:>10} {:>10} {:>10} {:>10} {:>12} {:>12}\n", "#", "a0 create", "a fail",
                             "b0 watch", "b verify", "fail>applied", "Ready>ready");
    std::vector<OverheadSample> samples;
    for (int iteration = 1; iteration <= options_.iterations; ++iteration) {
      const auto sample = measure(iteration);
      progress_ << fmt::format("{:>4} {:>10.1f} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.1f} {:>12.1f}\n", iteration,
                               sample.bare_create, sample.fail_to_admitted, sample.bare_watch,
                               sample.ready_to_verified, sample.fail_to_applied_mark, sample.ready_to_ready_mark);
      progress_.flush();
      samples.push_back(sample);
    }
    return samples;
  }

 private:
  // A checkpoint and a fail with a real PITR; its recovery Cluster then serves every
  // scripted restore, and its manifest is the model for the bare creates.
  void warm_up() {
    const auto id = cluster_.begin_ready("bench_warm_up");
    cluster_.fail(id);
    const auto restored = cluster_.wait_restored(id);
    const std::string target{restored.at("restore").at("target").as_string()};
    const auto timeline = restored.at("restore").at("restored_timeline").to_number<std::uint32_t>();
    progress_ << fmt::format("warm-up: real PITR into Cluster {} (timeline {}) in {:.2f} s\n", target, timeline,
                             restored.at("restore").at("duration_seconds").to_number<double>());
    auto recovery_cluster = cluster_.server().store().get({kClusters, kNamespace, target});
    if (!recovery_cluster) throw std::runtime_error("reading Cluster " + target + ": " + recovery_cluster.error().message);
    model_cluster_ = std::move(recovery_cluster).value();
    cluster_.emulator().faults().set_scripted_restore(
        cnpgemu::ScriptedRestore{options_.scripted_delay, cluster_.emulator().service_directory(kNamespace, target),
                                 timeline});
  }

  void start_watch_baseline() {
    if (auto created = cluster_.server().store().create(watched_cluster()); !created) {
      throw std::runtime_error(std::string{"creating Cluster "} + kWatchedCluster + ": " + created.error().message);
    }
    probe_.watch(clusters_ref(kWatchedCluster));
    (void)set_watched_readiness(true);  // the first change also waits until the watch is up
  }

  OverheadSample measure(int iteration) {
    OverheadSample sample;
    const auto id = cluster_.begin_ready("bench_" + std::to_string(iteration));
    sample.bare_create = bare_create(iteration);

    const auto failed_at = std::chrono::system_clock::now();
    cluster_.fail(id);
    const auto restored = cluster_.wait_restored(id);
    const std::string target{restored.at("restore").at("target").as_string()};
    const auto ready = cluster_.emulator().ready_time(kNamespace, target);
    if (!ready) throw std::runtime_error("the emulation never reported Cluster " + target + " Ready");
    sample.fail_to_admitted = milliseconds_between(failed_at, admitted(admissions_, target));
    sample.fail_to_applied_mark = milliseconds_between(failed_at, phase_mark(restored, "applied"));
    sample.ready_to_ready_mark = milliseconds_between(ready->system, phase_mark(restored, "ready"));
    sample.ready_to_verified = milliseconds_between(ready->system, phase_mark(restored, "verified"));

    (void)set_watched_readiness(false);
    sample.bare_watch = set_watched_readiness(true);
    return sample;
  }

  // Milliseconds from the bare create's call to its ADDED; the object is deleted again.
  double bare_create(int iteration) {
    const auto name = "bench-create-" + std::to_string(iteration);
    cluster_.emulator().faults().set_recovery_fault(cnpgemu::RecoveryFault::stick, name);
    const auto manifest = renamed_cluster(model_cluster_, name);
    const auto called_at = std::chrono::system_clock::now();
    const auto created = probe_.create(clusters_ref(), manifest);
    if (!created) throw std::runtime_error("bare create of Cluster " + name + ": " + created.error().message);
    const double elapsed = milliseconds_between(called_at, admitted(admissions_, name));
    if (auto removed = cluster_.server().store().remove({kClusters, kNamespace, name}); !removed) {
      throw std::runtime_error("deleting Cluster " + name + ": " + removed.error().message);
    }
    return elapsed;
  }

  // Patches the watched Cluster's readiness through the store; milliseconds until the
  // bare watch delivered that version.
  double set_watched_readiness(bool ready) {
    const auto patched_at = std::chrono::system_clock::now();
    auto patched = cluster_.server().store().patch_status({kClusters, kNamespace, kWatchedCluster}, readiness_patch(ready));
    if (!patched) throw std::runtime_error(std::string{"patching Cluster "} + kWatchedCluster + ": " + patched.error().message);
    const std::string version{patched->at("metadata").at("resourceVersion").as_string()};
    const auto arrived = probe_.arrival(version, kArrivalTimeout);
    if (!arrived) throw std::runtime_error("the watch never delivered resourceVersion " + version + " of " + kWatchedCluster);
    return milliseconds_between(patched_at, *arrived);
  }

  OverheadOptions options_;
  std::ostream& progress_;
  CnpgBenchCluster cluster_;
  AdmissionClock admissions_;
  KubeProbe probe_;
  json::object model_cluster_;
};

}  // namespace

std::vector<OverheadSample> run_overhead_benchmark(const OverheadOptions& options, std::ostream& progress) {
  OverheadBenchmark benchmark{options, progress};
  return benchmark.run();
}

}  // namespace ckpt::bench
