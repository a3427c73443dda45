#include "service/flag_service.hpp"

#include <algorithm>

#include "obs/logging.hpp"
#include "service/errors.hpp"

namespace ckpt::service {
namespace {

std::string state_word(bool on) {
  return on ? "on" : "off";
}

std::string describe_checks(const std::vector<CheckResult>& checks) {
  if (checks.empty()) return "";
  std::string text = "; health checks after it:";
  for (const auto& check : checks) {
    text += " " + check.name + " " + std::string(to_string(check.measurement.phase));
    if (!check.measurement.value.empty()) text += " (" + check.measurement.value + ")";
  }
  return text;
}

}  // namespace

boost::asio::awaitable<Result<Checkpoint>> FlagService::change(std::string id, FlagChangeRequest request) {
  auto checkpoint = context_.store.get(id);
  if (!checkpoint) co_return checkpoint_not_found(id);
  const auto& plan = checkpoint->request.plan;
  if (!plan || !plan->flag) {
    co_return make_error(ErrorCode::bad_request, "checkpoint '" + id +
                                                     "' has no plan with a `flag` section; the flag to change is "
                                                     "the one its plan names");
  }
  if (request.by.find_first_not_of(" \t") == std::string::npos) {
    co_return make_error(ErrorCode::bad_request, "field 'by' must name the person changing the flag");
  }
  if (checkpoint->state == CheckpointState::refused || checkpoint->state == CheckpointState::aborted) {
    co_return make_error(ErrorCode::conflict, "checkpoint '" + id + "' is " +
                                                  std::string(to_string(checkpoint->state)) +
                                                  ": its migration never ran, so its flag is not changed");
  }
  const auto& scopes = plan->flag->scopes;
  std::vector<std::string> chosen = scopes;
  if (!request.scope.empty()) {
    if (std::find(scopes.begin(), scopes.end(), request.scope) == scopes.end()) {
      std::string known;
      for (const auto& scope : scopes) known += (known.empty() ? "" : ", ") + scope;
      co_return make_error(ErrorCode::bad_request,
                           "scope '" + request.scope + "' is not one of the plan's flag scopes (" + known + ")");
    }
    chosen = {request.scope};
  }
  co_return co_await apply(std::move(id), std::move(chosen), std::move(request));
}

boost::asio::awaitable<Result<Checkpoint>> FlagService::apply(std::string id, std::vector<std::string> scopes,
                                                              FlagChangeRequest request) {
  auto current = context_.store.get(id);
  if (!current) co_return checkpoint_not_found(id);
  const std::string flag = current->request.plan->flag->name;
  const std::string cluster = current->request.cluster;
  std::string scope_list;
  for (const auto& scope : scopes) scope_list += (scope_list.empty() ? "" : ", ") + scope;
  const std::string intent = flag + " " + state_word(request.on) + " in " + scope_list + " requested by " + request.by +
                             (request.note.empty() ? "" : " (" + request.note + ")");
  auto announced = co_await context_.on_pool([&] { return context_.store.add_event(id, "flag.changing", intent); });
  if (!announced) co_return std::move(announced).error();

  Result<Checkpoint> latest = *current;
  for (const auto& scope : scopes) {
    FlagChange change;
    change.scope = scope;
    change.on = request.on;
    change.by = request.by;
    change.note = request.note;
    const flags::FlagChangeContext who{id, request.by};
    auto done = co_await flags_.set(scope, flag, request.on, who);
    change.at = context_.clock();
    if (!done) change.error = done.error().message;
    context_.metrics.count_flag_change(cluster, scope, request.on, done.ok());
    if (done) {
      auto snapshot = context_.store.get(id);
      if (snapshot) change.checks = co_await health_checks(*snapshot);
    }
    const std::string what = flag + " " + state_word(request.on) + " in " + scope + " by " + request.by +
                             (change.error.empty() ? describe_checks(change.checks) : ": failed: " + change.error);
    latest = co_await context_.on_pool([&] {
      return context_.store.update(
          id,
          [&](Checkpoint& checkpoint) {
            checkpoint.flag_changes.push_back(change);
            if (checkpoint.flag_changes.size() > kKeptFlagChanges) {
              checkpoint.flag_changes.erase(checkpoint.flag_changes.begin());
            }
          },
          change.error.empty() ? "flag.changed" : "flag.failed", what);
    });
    if (!latest) co_return latest;
    if (!done) {
      obs::logger("flags")->warn("checkpoint={} cluster={} {}", id, cluster, what);
      co_return make_error(ErrorCode::engine_error, "could not turn " + flag + " " + state_word(request.on) +
                                                        " in scope '" + scope + "': " + done.error().message);
    }
    obs::logger("flags")->info("checkpoint={} cluster={} {}", id, cluster, what);
  }
  co_return latest;
}

boost::asio::awaitable<std::vector<CheckResult>> FlagService::health_checks(const Checkpoint& checkpoint) {
  std::vector<CheckResult> checks;
  const auto& plan = checkpoint.request.plan;
  if (!plan || !plan->slo) co_return checks;
  for (const auto& metric : plan->slo->metrics) {
    auto measurement = co_await measurements_.take(metric, metric.analysis, checkpoint.request.cluster);
    checks.push_back(CheckResult{metric.analysis.name, std::move(measurement)});
  }
  co_return checks;
}

}  // namespace ckpt::service
