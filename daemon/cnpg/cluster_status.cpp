#include "cnpg/cluster_status.hpp"

#include <limits>

#include "cnpg/api_object_reader.hpp"

namespace ckpt::cnpg {
namespace {

bool condition_is_true(const ClusterStatus& status, std::string_view type) {
  const auto* condition = status.condition(type);
  return condition != nullptr && condition->status == "True";
}

// "Ready=False (reason ClusterIsNotReady: Cluster Is Not Ready)", "no Ready condition".
std::string describe_condition(const ClusterStatus& status, std::string_view type) {
  const auto* condition = status.condition(type);
  if (condition == nullptr) return "no " + std::string{type} + " condition";
  auto text = condition->type + "=" + condition->status;
  if (condition->reason.empty() && condition->message.empty()) return text;
  text += " (reason " + (condition->reason.empty() ? std::string{"unknown"} : condition->reason);
  if (!condition->message.empty()) text += ": " + condition->message;
  return text + ")";
}

std::string describe_phase(const ClusterStatus& status) {
  if (status.phase.empty()) return "no phase reported yet";
  auto text = "phase '" + status.phase + "'";
  if (!status.phase_reason.empty()) text += " (" + status.phase_reason + ")";
  return text;
}

std::vector<ClusterCondition> read_conditions(ApiObjectReader& reader, const ApiObjectReader::Section& status) {
  std::vector<ClusterCondition> conditions;
  const auto* array = reader.array(status, "conditions");
  if (array == nullptr) return conditions;
  const auto path = ApiObjectReader::path_of(status, "conditions");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto element = reader.element(*array, path, i);
    conditions.push_back({reader.required_string(element, "type"), reader.string(element, "status"),
                          reader.string(element, "reason"), reader.string(element, "message")});
  }
  return conditions;
}

}  // namespace

const ClusterCondition* ClusterStatus::condition(std::string_view type) const {
  for (const auto& candidate : conditions) {
    if (candidate.type == type) return &candidate;
  }
  return nullptr;
}

Result<ClusterStatus> parse_cluster_status(const boost::json::object& cluster) {
  ApiObjectReader reader{"Cluster", cluster};
  const auto status = reader.section(reader.root(), "status");
  ClusterStatus parsed;
  parsed.namespace_name = reader.namespace_name();
  parsed.name = reader.name();
  parsed.phase = reader.string(status, "phase");
  parsed.phase_reason = reader.string(status, "phaseReason");
  parsed.instances = reader.integer(status, "instances").value_or(0);
  parsed.ready_instances = reader.integer(status, "readyInstances").value_or(0);
  parsed.current_primary = reader.string(status, "currentPrimary");
  const auto timeline = reader.integer(status, "timelineID").value_or(0);
  if (timeline < 0 || timeline > std::numeric_limits<std::uint32_t>::max()) {
    reader.fail(ApiObjectReader::path_of(status, "timelineID"), "must be a timeline from 0 to 4294967295");
  } else {
    parsed.timeline_id = static_cast<std::uint32_t>(timeline);
  }
  parsed.conditions = read_conditions(reader, status);
  return reader.finish(std::move(parsed));
}

bool is_healthy(const ClusterStatus& status) {
  return status.phase == kHealthyPhase && condition_is_true(status, "Ready");
}

bool is_unrecoverable(const ClusterStatus& status) { return status.phase == kUnrecoverablePhase; }

bool archiving_ok(const ClusterStatus& status) { return condition_is_true(status, "ContinuousArchiving"); }

std::string why_not_healthy(const ClusterStatus& status) {
  return "cluster " + status.name + " is not healthy: " + describe_phase(status) + ", " +
         describe_condition(status, "Ready");
}

std::string why_unrecoverable(const ClusterStatus& status) {
  return "cluster " + status.name + " is unrecoverable and needs manual intervention: " +
         (status.phase_reason.empty() ? std::string{"the operator gave no phaseReason"} : status.phase_reason) +
         " (inspect with: kubectl -n " + status.namespace_name + " describe cluster " + status.name + ")";
}

std::string why_archiving_fails(const ClusterStatus& status) {
  return "WAL archiving of cluster " + status.name + " is not working: " +
         describe_condition(status, "ContinuousArchiving");
}

}  // namespace ckpt::cnpg
