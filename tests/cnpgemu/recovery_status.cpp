#include "cnpgemu/recovery_status.hpp"

#include <boost/json/array.hpp>

#include "cnpg/cluster_status.hpp"

namespace ckpt::cnpgemu {
namespace {

constexpr const char* kSettingUpPhase = "Setting up primary";
constexpr const char* kInvalidPhase = "Invalid cluster definition";

const Condition kNotReady{"Ready", "False", "ClusterIsNotReady", "Cluster Is Not Ready"};
const Condition kBootstrapPending{"Initialized", "False", "BootstrapPending",
                                  "The first instance of the cluster has not been created yet"};

}  // namespace

RecoveryClusterStatus::RecoveryClusterStatus(kubeapi::ResourceStore& store, std::string namespace_name,
                                             std::string name)
    : store_(store), ref_{"clusters.postgresql.cnpg.io", std::move(namespace_name), std::move(name)} {}

Result<void> RecoveryClusterStatus::write(boost::json::object status) {
  status["conditions"] = conditions_.to_json();
  return patch_status(store_, ref_, std::move(status));
}

Result<void> RecoveryClusterStatus::invalid(std::string_view reason) {
  conditions_.set(kNotReady, std::chrono::system_clock::now());
  return write({{"phase", kInvalidPhase}, {"phaseReason", reason}});
}

Result<void> RecoveryClusterStatus::setting_up(std::string_view detail) {
  const auto now = std::chrono::system_clock::now();
  conditions_.set(kNotReady, now);
  conditions_.set(kBootstrapPending, now);
  auto reason = "Creating primary instance " + primary();
  if (!detail.empty()) reason += ": " + std::string{detail};
  return write({{"phase", kSettingUpPhase},
                {"phaseReason", reason},
                {"instances", 1},
                {"readyInstances", 0},
                {"latestGeneratedNode", 1},
                {"targetPrimary", primary()},
                {"writeService", ref_.name + "-rw"},
                {"readService", ref_.name + "-r"}});
}

Result<void> RecoveryClusterStatus::unrecoverable(std::string_view job_error) {
  conditions_.set(kNotReady, std::chrono::system_clock::now());
  const auto job = primary() + "-full-recovery";
  return write({{"phase", cnpg::kUnrecoverablePhase},
                {"phaseReason", "Instance creation failed for the following jobs: " + job +
                                    ". Check the job logs for more details. " + std::string{job_error}}});
}

Result<void> RecoveryClusterStatus::initialized(std::uint32_t timeline) {
  conditions_.set({"Initialized", "True", "BootstrapCompleted", "The first instance of the cluster has been created"},
                  std::chrono::system_clock::now());
  return write({{"currentPrimary", primary()},
                {"instanceNames", boost::json::array{boost::json::string{primary()}}},
                {"timelineID", std::int64_t{timeline}}});
}

Result<void> RecoveryClusterStatus::healthy(std::uint32_t timeline, const ReadyTime& ready) {
  conditions_.set({"Ready", "True", "ClusterIsReady", "Cluster is Ready"}, ready.system);
  return write({{"phase", cnpg::kHealthyPhase},
                {"phaseReason", nullptr},
                {"readyInstances", 1},
                {"instancesStatus", {{"healthy", boost::json::array{boost::json::string{primary()}}}}},
                {"timelineID", std::int64_t{timeline}}});
}

}  // namespace ckpt::cnpgemu
