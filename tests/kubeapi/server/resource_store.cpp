#include "kubeapi/server/resource_store.hpp"

#include <chrono>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/merge_patch.hpp"
#include "kubeapi/server/object_identity.hpp"
#include "kubeapi/server/object_schema.hpp"
#include "kubeapi/server/strategic_merge_patch.hpp"

namespace ckpt::kubeapi {

ObjectRef ref_of(std::string resource, const boost::json::object& object) {
  return {std::move(resource), metadata_field(object, "namespace"), metadata_field(object, "name")};
}

ResourceStore::ResourceStore(std::shared_ptr<const TypeRegistry> types, std::size_t event_history)
    : types_(std::move(types)), events_(event_history) {}

Result<const ResourceType*> ResourceStore::resource_type(std::string_view resource) const {
  if (const auto* type = types_->find_resource(resource)) return type;
  return api_error(reason::kNotFound,
                   "the server does not serve the resource \"" + std::string(resource) + "\"");
}

Result<const ResourceType*> ResourceStore::type_of(const boost::json::object& object) const {
  const std::string api_version = string_field(object, "apiVersion");
  const std::string kind = string_field(object, "kind");
  if (kind.empty()) return api_error(reason::kBadRequest, "Object 'Kind' is missing in the request body");
  if (api_version.empty())
    return api_error(reason::kBadRequest, "Object 'apiVersion' is missing in the request body");
  if (const auto* type = types_->find_kind(api_version, kind)) return type;
  return api_error(reason::kBadRequest, "no kind \"" + kind + "\" is registered for version \"" +
                                            api_version + "\" in the test server");
}

Error ResourceStore::not_found(const ResourceType& type, std::string_view name) const {
  return api_error(reason::kNotFound, type.qualified_name() + " \"" + std::string(name) + "\" not found");
}

void ResourceStore::commit(const ResourceType& type, EventType event_type, boost::json::object& object,
                           std::optional<boost::json::object> previous) {
  ++resource_version_;
  object["metadata"].as_object()["resourceVersion"] = std::to_string(resource_version_);
  auto event = std::make_shared<ChangeEvent>();
  event->resource_version = resource_version_;
  event->type = event_type;
  event->resource = &type;
  event->object = object;
  event->previous = std::move(previous);
  events_.append(event);
  feed_.publish(std::move(event));
}

Result<boost::json::object> ResourceStore::create(boost::json::object object) {
  auto type = type_of(object);
  if (!type) return std::move(type).error();
  const ResourceType& resource = **type;
  auto admitted = admit_create(resource, std::move(object),
                               {new_uid(), kube_timestamp(std::chrono::system_clock::now())});
  if (!admitted) return std::move(admitted).error();
  const std::string namespace_name = metadata_field(*admitted, "namespace");
  const std::string name = metadata_field(*admitted, "name");

  std::lock_guard lock(mutex_);
  if (resource.namespaced) {
    if (namespace_name.empty()) {
      return api_error(reason::kBadRequest,
                       "metadata.namespace is required: " + resource.kind + " is namespaced");
    }
    const auto* namespaces = types_->find_resource("namespaces");
    if (!objects_[namespaces].contains({"", namespace_name})) {
      return api_error(reason::kNotFound, "namespaces \"" + namespace_name + "\" not found");
    }
  }
  auto& objects = objects_[&resource];
  if (objects.contains({namespace_name, name})) {
    return api_error(reason::kAlreadyExists, resource.qualified_name() + " \"" + name + "\" already exists");
  }
  commit(resource, EventType::added, *admitted, std::nullopt);
  objects.emplace(Key{namespace_name, name}, *admitted);
  return std::move(admitted.value());
}

Result<boost::json::object> ResourceStore::get(const ObjectRef& ref) const {
  auto type = resource_type(ref.resource);
  if (!type) return std::move(type).error();
  std::lock_guard lock(mutex_);
  const auto objects = objects_.find(*type);
  if (objects != objects_.end()) {
    const auto found = objects->second.find({(*type)->namespaced ? ref.namespace_name : "", ref.name});
    if (found != objects->second.end()) return found->second;
  }
  return not_found(**type, ref.name);
}

Result<ObjectList> ResourceStore::list(std::string_view resource, std::string_view namespace_name,
                                       const ListFilter& filter) const {
  auto type = resource_type(resource);
  if (!type) return std::move(type).error();
  std::lock_guard lock(mutex_);
  ObjectList list;
  list.resource_version = resource_version_;
  const auto objects = objects_.find(*type);
  if (objects == objects_.end()) return list;
  for (const auto& [key, object] : objects->second) {
    if (!namespace_name.empty() && key.first != namespace_name) continue;
    if (filter.matches(object)) list.items.push_back(object);
  }
  return list;
}

Result<boost::json::object> ResourceStore::replace(boost::json::object object) {
  auto type = type_of(object);
  if (!type) return std::move(type).error();
  const ObjectRef ref = ref_of((*type)->qualified_name(), object);
  return update(
      **type, ref, [&](const boost::json::object&) -> Result<boost::json::object> { return std::move(object); },
      Subresource::main);
}

Result<boost::json::object> ResourceStore::update_status(boost::json::object object) {
  auto type = type_of(object);
  if (!type) return std::move(type).error();
  const ObjectRef ref = ref_of((*type)->qualified_name(), object);
  return update(
      **type, ref, [&](const boost::json::object&) -> Result<boost::json::object> { return std::move(object); },
      Subresource::status);
}

Result<boost::json::object> ResourceStore::patch(const ObjectRef& ref, const boost::json::value& patch,
                                                 Subresource target, PatchType patch_type) {
  auto type = resource_type(ref.resource);
  if (!type) return std::move(type).error();
  if (!patch.is_object()) {
    return api_error(reason::kBadRequest, "a patch of " + ref.resource + " must be a JSON object");
  }
  if (patch_type == PatchType::strategic_merge && !(*type)->strategic_merge_patch) {
    return api_error(reason::kUnsupportedMediaType,
                     "strategic merge patch is not supported for " + ref.resource + ": use a JSON merge patch");
  }
  const auto patched = [&](const boost::json::object& current) -> Result<boost::json::object> {
    if (patch_type == PatchType::merge) return std::move(apply_merge_patch(current, patch).as_object());
    static const boost::json::object kNoSchema;
    return apply_strategic_merge_patch(current, patch.get_object(),
                                       (*type)->schema ? (*type)->schema->openapi() : kNoSchema);
  };
  return update(**type, ref, patched, target);
}

Result<boost::json::object> ResourceStore::update(const ResourceType& type, const ObjectRef& ref,
                                                  const BodyFromStored& body_from_stored,
                                                  Subresource target) {
  if (target == Subresource::status && !type.status_subresource) {
    return api_error(reason::kNotFound, type.qualified_name() + " has no status subresource");
  }
  std::lock_guard lock(mutex_);
  auto& objects = objects_[&type];
  const auto found = objects.find({type.namespaced ? ref.namespace_name : "", ref.name});
  if (found == objects.end()) return not_found(type, ref.name);
  auto body = body_from_stored(found->second);
  if (!body) return std::move(body).error();
  auto admitted = admit_update(type, found->second, std::move(*body), target);
  if (!admitted) return std::move(admitted).error();
  if (*admitted == found->second) return found->second;
  commit(type, EventType::modified, *admitted, found->second);
  found->second = *admitted;
  return std::move(admitted.value());
}

Result<boost::json::object> ResourceStore::remove(
    const ObjectRef& ref, const std::optional<std::string>& expected_resource_version) {
  auto type = resource_type(ref.resource);
  if (!type) return std::move(type).error();
  std::lock_guard lock(mutex_);
  auto& objects = objects_[*type];
  const auto found = objects.find({(*type)->namespaced ? ref.namespace_name : "", ref.name});
  if (found == objects.end()) return not_found(**type, ref.name);
  const std::string stored_version = metadata_field(found->second, "resourceVersion");
  if (expected_resource_version && *expected_resource_version != stored_version) {
    return api_error(reason::kConflict, "Operation cannot be fulfilled on " + ref.resource + " \"" +
                                            ref.name + "\": the ResourceVersion in the precondition (" +
                                            *expected_resource_version +
                                            ") does not match the ResourceVersion in record (" +
                                            stored_version + "). The object might have been modified");
  }
  boost::json::object deleted = found->second;
  commit(**type, EventType::deleted, deleted, found->second);
  objects.erase(found);
  return deleted;
}

std::uint64_t ResourceStore::resource_version() const {
  std::lock_guard lock(mutex_);
  return resource_version_;
}

Result<WatchStart> ResourceStore::start_watch(const ResourceType& type, std::string_view namespace_name,
                                              const ListFilter& filter,
                                              std::optional<std::uint64_t> after) const {
  std::lock_guard lock(mutex_);
  WatchStart start;
  start.expiry_generation = events_.expiry_generation();
  if (after && *after != 0) {
    auto retained = events_.events_after(*after);
    if (!retained) return std::move(retained).error();
    start.resume_after = *after;
    return start;
  }
  start.resume_after = resource_version_;
  const auto objects = objects_.find(&type);
  if (objects == objects_.end()) return start;
  for (const auto& [key, object] : objects->second) {
    if (!namespace_name.empty() && key.first != namespace_name) continue;
    if (!filter.matches(object)) continue;
    auto event = std::make_shared<ChangeEvent>();
    event->resource_version = std::stoull(metadata_field(object, "resourceVersion"));
    event->type = EventType::added;
    event->resource = &type;
    event->object = object;
    start.initial.push_back(std::move(event));
  }
  return start;
}

void ResourceStore::compact_history(bool expire_open_watches) {
  std::lock_guard lock(mutex_);
  events_.compact(resource_version_);
  if (expire_open_watches) events_.expire_open_watches();
}

ChangeFeed::Subscription ResourceStore::on_change(ChangeFeed::Callback callback) {
  return feed_.subscribe(std::move(callback));
}

void ResourceStore::flush_changes() { feed_.flush(); }

}  // namespace ckpt::kubeapi
