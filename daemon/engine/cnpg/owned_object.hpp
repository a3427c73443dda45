// The create-once rule for the objects a checkpoint creates (its Backup, its recovery
// Cluster), whose names are fixed by the checkpoint id so that a retry or a restarted
// daemon finds them:
// - find_owned: GET the object; absent is nullopt; an object labelled as this
//   checkpoint's (cnpg/ownership.hpp) is returned to be adopted; any other object with
//   the name is refused with ErrorCode::conflict naming it, and never modified or deleted.
// - create_or_adopt: POST the manifest; a 409 AlreadyExists, or a create whose outcome is
//   unknown (a 5xx or a connection lost after sending: KubeClient does not retry such
//   POSTs), looks the object up and adopts it when it is ours. A create of unknown
//   outcome whose object is not there is made again, after a backoff with equal jitter
//   (KubeClient::caller_backoff: waits in [c/2, c] with c = base_backoff * 2^(n-1), capped
//   at max_backoff), at most kMaxCreates creates in all and never with a wait that would
//   end past `deadline` (the phase's deadline). The fixed name turns a late first create
//   into a 409 that is adopted, so one checkpoint never ends up with two objects. When it
//   gives up, the error is the last create's (its code and Kubernetes reason, the API's
//   message) saying how many creates were made and why it stopped; the caller maps it to
//   its phase's terms (backup_runner.hpp: a refusal reason). Each re-create is logged at
//   warn on the "engine.cnpg" logger.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"

namespace ckpt::engine::cnpg {

struct OwnedObject {
  boost::json::object object;
  bool created = false;  // false: an object created earlier was adopted
};

// `kind` ("Backup", "Cluster") is for messages.
boost::asio::awaitable<Result<std::optional<boost::json::object>>> find_owned(kube::KubeClient& kube,
                                                                              kube::ResourceRef ref,
                                                                              std::string checkpoint_id,
                                                                              std::string kind);

inline constexpr int kMaxCreates = 6;

boost::asio::awaitable<Result<OwnedObject>> create_or_adopt(kube::KubeClient& kube, kube::ResourceRef ref,
                                                            boost::json::object manifest, std::string checkpoint_id,
                                                            std::string kind,
                                                            std::chrono::steady_clock::time_point deadline);

}  // namespace ckpt::engine::cnpg
