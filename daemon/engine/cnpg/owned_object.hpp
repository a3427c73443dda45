// The create-once rule for the objects a checkpoint creates (its Backup, its recovery
// Cluster), whose names are fixed by the checkpoint id so that a retry or a restarted
// daemon finds them:
// - find_owned: GET the object; absent is nullopt; an object labelled as this
//   checkpoint's (cnpg/ownership.hpp) is returned to be adopted; any other object with
//   the name is refused with ErrorCode::conflict naming it, and never modified or deleted.
// - create_or_adopt: POST the manifest; a 409 AlreadyExists, or a create whose outcome is
//   unknown (a 5xx or a connection lost after sending: KubeClient does not retry such
//   POSTs), looks the object up and adopts it when it is ours. A create of unknown
//   outcome whose object is not there is made again (at most 3 creates in all): the fixed
//   name turns a late first create into a 409 that is adopted, so one checkpoint never
//   ends up with two objects.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
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

boost::asio::awaitable<Result<OwnedObject>> create_or_adopt(kube::KubeClient& kube, kube::ResourceRef ref,
                                                            boost::json::object manifest, std::string checkpoint_id,
                                                            std::string kind);

}  // namespace ckpt::engine::cnpg
