// checkpointd's HTTP API as typed calls. Every request carries the bearer token when
// one is set ("Authorization: Bearer ..."; the token is never put in an error message)
// and JSON bodies; every answer is decoded with ckpt_codec. A non-2xx answer becomes
// the daemon's own Error (code, message, reason) from its error body; an answer that
// is not the documented JSON becomes ErrorCode::internal naming what was wrong.
// The transport is a plain function, so tests substitute a fake daemon.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "codec/evidence_json.hpp"
#include "codec/requests.hpp"
#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "core/contract_gate.hpp"
#include "core/restore_plan.hpp"
#include "net/http_message.hpp"

namespace ckpt::cli {

// Sends one request and returns the answer; unreachable / deadline_exceeded errors
// when the daemon cannot be reached in time.
using Transport = std::function<Result<net::HttpResponse>(net::HttpRequest)>;

struct BeginOutcome {
  Checkpoint checkpoint;
  // An earlier begin with the same idempotency key made this checkpoint (HTTP 200).
  bool existing = false;
};

// An evidence package as the daemon sent it (what `evidence -o json` prints and
// `evidence verify` checks) and decoded.
struct EvidenceAnswer {
  boost::json::object json;
  SealedEvidence decoded;
};

class ApiClient {
 public:
  ApiClient(Transport transport, std::string bearer_token);

  // POST /v1/checkpoints. A refusal that names a checkpoint (422 with checkpoint_id)
  // comes back as that checkpoint, fetched, in state refused; one that names none as
  // the refused error.
  Result<BeginOutcome> begin(const BeginRequest& request) const;
  Result<Checkpoint> get(const std::string& id) const;
  Result<std::vector<Checkpoint>> list(const ListFilter& filter) const;
  Result<Checkpoint> commit(const std::string& id) const;
  Result<Checkpoint> fail(const std::string& id, const FailRequest& request) const;
  Result<Checkpoint> abort(const std::string& id, const AbortRequest& request) const;
  // POST .../restore with dry_run: what the restore would do, nothing changes.
  Result<RestorePlan> plan_restore(const std::string& id, bool cutover) const;
  // POST .../restore: the checkpoint, now restoring.
  Result<Checkpoint> restore(const std::string& id, bool cutover) const;
  Result<std::vector<Event>> events(const std::string& id) const;
  // POST .../migration: the migration of a ready checkpoint starts (an empty command:
  // the daemon runs the plan's SQL steps); the checkpoint, now migrating, and where a
  // wrapped command finds the database.
  Result<MigrationStarted> start_migration(const std::string& id, const MigrationStartRequest& request) const;
  // POST .../migration/result: how the wrapped command ended; the checkpoint after it.
  Result<Checkpoint> report_command_result(const std::string& id, const CommandResult& result) const;
  // POST .../promote: a paused SLO watch treated as passed.
  Result<Checkpoint> promote(const std::string& id, const PromoteRequest& request) const;
  // POST .../approve: the window's approver approves.
  Result<Checkpoint> approve(const std::string& id, const ApproveRequest& request) const;
  // GET /v1/go-no-go: the contract step's checklist.
  Result<GateVerdict> go_no_go(const std::string& cluster, const std::string& migration_id) const;
  // GET .../evidence: the checkpoint's sealed evidence package.
  Result<EvidenceAnswer> evidence(const std::string& id) const;
  // POST .../flag: the plan's feature flag on or off.
  Result<Checkpoint> change_flag(const std::string& id, const FlagChangeRequest& request) const;
  // POST /v1/drills: the drill's checkpoint; a refusal comes back like begin's.
  Result<BeginOutcome> drill(const DrillRequest& request) const;

 private:
  Result<net::HttpResponse> send(std::string method, std::string target, const boost::json::object* body) const;
  // POSTs a begin (or a drill) to `target`: the new checkpoint, the earlier one of the same
  // idempotency key, or the refused checkpoint fetched.
  Result<BeginOutcome> post_begin(const std::string& target, const boost::json::object& body) const;

  Transport transport_;
  std::string bearer_token_;
};

// "/v1/checkpoints/<id>" with the id percent-encoded.
std::string checkpoint_path(const std::string& id);

}  // namespace ckpt::cli
