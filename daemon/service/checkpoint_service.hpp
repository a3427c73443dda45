// The operations behind the API: begin, commit, fail, abort, restore (with a dry-run
// plan), and the read side (get, list, events). Each state change goes through the
// store's state machine, so racing requests cannot both act; long work is handed to
// CheckpointRunner and the call returns at once with the recorded state. A restore with
// cut-over on an engine that cannot cut over (cnpg) is refused with bad_request before
// anything is recorded: the checkpoint stays as it was.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "codec/requests.hpp"
#include "engine/engine.hpp"
#include "service/checkpoint_runner.hpp"
#include "service/go_no_go.hpp"
#include "service/plan_admission.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

struct BeginOutcome {
  Checkpoint checkpoint;
  bool created = true;  // false: an earlier begin with the same idempotency key
};

// Error of a refused begin, with the id of the refused checkpoint that was recorded.
struct Refusal {
  Error error;
  std::string checkpoint_id;
};

using RestoreOutcome = std::variant<engine::RestorePlan, Checkpoint>;

class CheckpointService {
 public:
  CheckpointService(ServiceContext& context, CheckpointRunner& runner, GoNoGo& go_no_go)
      : context_(context), runner_(runner), go_no_go_(go_no_go) {}

  // Validates, checks the cluster (preflight), records the checkpoint and starts its
  // backup. A refusal is recorded as a refused checkpoint (its id in Refusal).
  boost::asio::awaitable<std::variant<BeginOutcome, Refusal, Error>> begin(BeginRequest request);
  // `why` goes on the timeline: a person's commit, or an automatic one and its reason.
  boost::asio::awaitable<Result<Checkpoint>> commit(std::string id, std::string why = "migration committed");
  // Marks the checkpoint failed; restores at once when the cluster auto-restores.
  boost::asio::awaitable<Result<Checkpoint>> fail(std::string id, std::string reason);
  boost::asio::awaitable<Result<Checkpoint>> abort(std::string id, std::string reason);
  boost::asio::awaitable<Result<RestoreOutcome>> restore(std::string id, RestoreRequest request);

  // Restores a drill's ready checkpoint into its scratch target, trigger "drill"
  // (service/drills.hpp).
  boost::asio::awaitable<Result<Checkpoint>> restore_drill(const std::string& id);

  Result<Checkpoint> get(const std::string& id) const;
  std::vector<Checkpoint> list(std::optional<std::string> cluster, std::optional<CheckpointState> state) const;
  Result<std::vector<Event>> events(const std::string& id) const;

 private:
  // Coroutines here take references: GCC 12 mishandles temporaries passed by value into
  // a co_await expression, so callers pass named objects that outlive the call.
  boost::asio::awaitable<Result<Checkpoint>> start_restore(const std::string& id,
                                                           const engine::RestoreOptions& options,
                                                           const std::string& why);
  // Whether a restore of `checkpoint` would start now: a recovery point to go back to, a
  // cut-over its engine can carry out, a state a restore may start from. The dry run and
  // the real call give the same verdict.
  Result<void> restorable(const Checkpoint& checkpoint, const engine::RestoreOptions& options) const;
  // A cut-over the checkpoint's engine cannot carry out is refused (bad_request) before
  // anything is recorded.
  Result<void> cutover_possible(const Checkpoint& checkpoint, const engine::RestoreOptions& options) const;
  // The plan's admission on the new checkpoint's timeline; a break-glass is logged and counted.
  boost::asio::awaitable<void> record_admission(const Checkpoint& checkpoint, const PlanAdmission& admission);
  boost::asio::awaitable<Refusal> record_refusal(const BeginRequest& request, const Error& error);
  std::string new_checkpoint_id() const;

  // Claims the cluster for one begin at a time; false when another begin holds it.
  bool claim_cluster(const std::string& cluster);
  void release_cluster(const std::string& cluster);

  ServiceContext& context_;
  CheckpointRunner& runner_;
  GoNoGo& go_no_go_;
  std::mutex beginning_mutex_;
  std::set<std::string> beginning_;
};

}  // namespace ckpt::service
