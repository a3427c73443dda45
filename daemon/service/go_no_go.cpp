#include "service/go_no_go.hpp"

namespace ckpt::service {

boost::asio::awaitable<std::vector<FlagReading>> GoNoGo::read_flags(const std::vector<Checkpoint>& checkpoints,
                                                                    const std::string& expand_migration_id) {
  std::vector<FlagReading> readings;
  const Checkpoint* expand = find_expand_checkpoint(checkpoints, expand_migration_id);
  if (expand == nullptr || !expand->request.plan || !expand->request.plan->flag) co_return readings;
  const FlagSpec flag = *expand->request.plan->flag;
  for (const auto& scope : flag.scopes) {
    auto state = co_await flags_.read(scope, flag.name);
    FlagReading reading{scope, std::nullopt, {}};
    if (state) {
      reading.on = *state;
    } else {
      reading.error = state.error().message;
    }
    readings.push_back(std::move(reading));
  }
  co_return readings;
}

boost::asio::awaitable<Result<GateVerdict>> GoNoGo::evaluate(std::string cluster, std::string expand_migration_id) {
  const auto* settings = context_.config.find_cluster(cluster);
  if (settings == nullptr) {
    co_return make_error(ErrorCode::not_found, "cluster '" + cluster + "' is not in the daemon's configuration");
  }
  const std::vector<Checkpoint> checkpoints = context_.store.list(cluster, std::nullopt);
  GateInputs inputs;
  inputs.cluster = cluster;
  inputs.expand_migration_id = expand_migration_id;
  inputs.checkpoints = &checkpoints;
  inputs.now = context_.clock();
  inputs.restore_max_age = settings->restore_evidence_max_age;
  inputs.rto_budget = settings->rto_budget;
  inputs.flag_readings = co_await read_flags(checkpoints, expand_migration_id);
  co_return evaluate_contract_gate(inputs);
}

}  // namespace ckpt::service
