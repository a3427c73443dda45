// ResourceStore: the test server's etcd. Holds every object by resource type, namespace and
// name, gives Kubernetes semantics to each write (admission.hpp), numbers writes with one
// global, increasing resourceVersion, and publishes every committed change to watch streams
// (events()) and in-process subscribers (on_change()).
//
// Resources are named as in Kubernetes messages: "backups.postgresql.cnpg.io" (plural.group),
// or the plural alone for the core group ("secrets", "namespaces").
//
// Guarantees:
// - Thread-safe; every operation is atomic. Errors are ckpt::Error values whose reason is
//   the Kubernetes StatusReason (api_errors.hpp): NotFound, AlreadyExists, Conflict,
//   Invalid, BadRequest.
// - A write that changes nothing (same content) returns the stored object, keeps its
//   resourceVersion and produces no event.
// - Namespaced objects can be created only in an existing namespace (create Namespace
//   objects first; KubeApiServer creates its configured namespaces at start).
// - The in-process API is not restricted by a type's HTTP verbs (it may create CRD objects
//   or delete namespaces; deleting a namespace does not delete its objects).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "kubeapi/server/admission.hpp"
#include "kubeapi/server/change_feed.hpp"
#include "kubeapi/server/event_log.hpp"
#include "kubeapi/server/list_filter.hpp"
#include "kubeapi/server/type_registry.hpp"

namespace ckpt::kubeapi {

// How a PATCH body applies: JSON merge patch (RFC 7386), or strategic merge patch
// (strategic_merge_patch.hpp; built-in types only).
enum class PatchType { merge, strategic_merge };

struct ObjectRef {
  std::string resource;        // "backups.postgresql.cnpg.io"
  std::string namespace_name;  // empty for cluster-scoped resources
  std::string name;
};

struct ObjectList {
  std::vector<boost::json::object> items;  // ordered by namespace, then name
  std::uint64_t resource_version = 0;      // the store's resourceVersion when listed
};

// Where a watch starts: synthetic ADDED events for the objects that exist (when it started
// without a resourceVersion), then every change after `resume_after`.
struct WatchStart {
  std::vector<ChangeEventPtr> initial;
  std::uint64_t resume_after = 0;
  std::uint64_t expiry_generation = 0;
};

class ResourceStore {
 public:
  ResourceStore(std::shared_ptr<const TypeRegistry> types, std::size_t event_history);

  const TypeRegistry& types() const { return *types_; }

  // The type comes from apiVersion and kind, the namespace from metadata.namespace.
  Result<boost::json::object> create(boost::json::object object);
  Result<boost::json::object> get(const ObjectRef& ref) const;
  // namespace_name empty: across all namespaces.
  Result<ObjectList> list(std::string_view resource, std::string_view namespace_name = {},
                          const ListFilter& filter = {}) const;
  // PUT semantics: the object's metadata.resourceVersion must be the stored one.
  Result<boost::json::object> replace(boost::json::object object);
  // PUT .../status semantics: only .status is taken from the object.
  Result<boost::json::object> update_status(boost::json::object object);
  // A patch of the main resource or of its status; a resourceVersion in the patch is a
  // precondition, none means "whatever is stored". A strategic merge patch of a type that
  // does not take one is UnsupportedMediaType.
  Result<boost::json::object> patch(const ObjectRef& ref, const boost::json::value& patch,
                                    Subresource target = Subresource::main, PatchType type = PatchType::merge);
  Result<boost::json::object> patch_status(const ObjectRef& ref, const boost::json::value& merge_patch) {
    return patch(ref, merge_patch, Subresource::status);
  }
  // Returns the deleted object (with the deletion's resourceVersion).
  Result<boost::json::object> remove(
      const ObjectRef& ref, const std::optional<std::string>& expected_resource_version = std::nullopt);

  std::uint64_t resource_version() const;

  // Snapshot for a watch stream, atomic with respect to writes. `after` nullopt (or 0):
  // start with the existing objects; else Expired when events after it are gone.
  Result<WatchStart> start_watch(const ResourceType& type, std::string_view namespace_name,
                                 const ListFilter& filter, std::optional<std::uint64_t> after) const;
  EventLog& events() { return events_; }

  // Fault injection: forget the event history up to now, so that any older
  // resourceVersion is answered with 410; optionally end every open watch with a 410 ERROR.
  void compact_history(bool expire_open_watches);

  [[nodiscard]] ChangeFeed::Subscription on_change(ChangeFeed::Callback callback);
  // Returns once every change committed so far has been delivered to on_change callbacks.
  void flush_changes();

 private:
  using Key = std::pair<std::string, std::string>;  // namespace, name
  using Objects = std::map<Key, boost::json::object>;

  Result<const ResourceType*> resource_type(std::string_view resource) const;
  Result<const ResourceType*> type_of(const boost::json::object& object) const;
  // The body of an update, made from the stored object under the store's lock (a merge
  // patch applies to exactly what is stored).
  using BodyFromStored = std::function<Result<boost::json::object>(const boost::json::object& stored)>;
  Result<boost::json::object> update(const ResourceType& type, const ObjectRef& ref,
                                     const BodyFromStored& body_from_stored, Subresource target);
  Error not_found(const ResourceType& type, std::string_view name) const;
  // Stamps the next resourceVersion on the object and publishes the change; caller holds mutex_.
  void commit(const ResourceType& type, EventType event_type, boost::json::object& object,
              std::optional<boost::json::object> previous);

  std::shared_ptr<const TypeRegistry> types_;
  mutable std::mutex mutex_;
  std::map<const ResourceType*, Objects> objects_;
  std::uint64_t resource_version_ = 0;
  EventLog events_;
  ChangeFeed feed_;
};

// The ObjectRef of a stored object (its resource must be given, the rest is read from metadata).
ObjectRef ref_of(std::string resource, const boost::json::object& object);

}  // namespace ckpt::kubeapi
