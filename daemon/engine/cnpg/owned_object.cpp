#include "engine/cnpg/owned_object.hpp"

#include "cnpg/labels.hpp"
#include "cnpg/ownership.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;

constexpr int kCreateAttempts = 3;

Error not_ours(const kube::ResourceRef& ref, const std::string& checkpoint_id, const std::string& kind) {
  return make_error(ErrorCode::conflict,
                    kind + " " + ref.namespace_name + "/" + ref.name + " already exists and was not created by " +
                        "checkpointd for checkpoint " + checkpoint_id + " (its labels " +
                        std::string{ckpt::cnpg::kManagedByLabel} + " and " +
                        std::string{ckpt::cnpg::kCheckpointIdLabel} +
                        " do not say so): checkpointd never modifies or deletes an object it does not own; "
                        "rename or remove that object, then retry");
}

// The create may have gone through although it reported an error.
bool may_exist_after(const Error& error) {
  return error.reason == "AlreadyExists" || error.code == ErrorCode::engine_error ||
         error.code == ErrorCode::unreachable || error.code == ErrorCode::deadline_exceeded;
}

}  // namespace

awaitable<Result<std::optional<boost::json::object>>> find_owned(kube::KubeClient& kube, kube::ResourceRef ref,
                                                                 std::string checkpoint_id, std::string kind) {
  auto found = co_await kube.get(ref);
  if (!found) {
    if (found.error().code == ErrorCode::not_found) co_return std::optional<boost::json::object>{};
    co_return std::move(found).error();
  }
  if (!ckpt::cnpg::is_ours(*found, checkpoint_id)) co_return not_ours(ref, checkpoint_id, kind);
  co_return std::optional<boost::json::object>{std::move(found).value()};
}

awaitable<Result<OwnedObject>> create_or_adopt(kube::KubeClient& kube, kube::ResourceRef ref,
                                               boost::json::object manifest, std::string checkpoint_id,
                                               std::string kind) {
  Error error;
  for (int attempt = 1; attempt <= kCreateAttempts; ++attempt) {
    auto body = manifest;
    auto created = co_await kube.create(ref, std::move(body));
    if (created) co_return OwnedObject{std::move(created).value(), true};
    error = std::move(created).error();
    if (!may_exist_after(error)) co_return error;
    auto existing = co_await find_owned(kube, ref, checkpoint_id, kind);
    if (!existing) co_return std::move(existing).error();
    if (*existing) co_return OwnedObject{std::move(**existing), false};
    if (error.reason == "AlreadyExists") co_return error;  // it existed and was deleted since
  }
  co_return error;
}

}  // namespace ckpt::engine::cnpg
