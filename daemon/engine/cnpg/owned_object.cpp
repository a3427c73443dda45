#include "engine/cnpg/owned_object.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "cnpg/labels.hpp"
#include "cnpg/ownership.hpp"
#include "core/duration.hpp"
#include "obs/logging.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;

using Clock = std::chrono::steady_clock;

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

namespace {

// Built outside the coroutine: GCC 12 mishandles conditional-expression temporaries in
// co_return full-expressions.
Error gave_up(const std::string& label, Error error, int creates, const std::string& why) {
  error.message = label + " could not be created: " + error.message + " (" + std::to_string(creates) +
                  (creates == 1 ? " create" : " creates") + " made, " + why + ")";
  return error;
}

std::string describe_wait(std::chrono::milliseconds delay, Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return "waiting " + format_duration(delay) + " before the next would pass the phase's deadline, " +
         format_duration(std::max(left, std::chrono::milliseconds{0})) + " away";
}

}  // namespace

awaitable<Result<OwnedObject>> create_or_adopt(kube::KubeClient& kube, kube::ResourceRef ref,
                                               boost::json::object manifest, std::string checkpoint_id,
                                               std::string kind, Clock::time_point deadline) {
  const auto label = kind + " " + ref.namespace_name + "/" + ref.name;
  for (int attempt = 1;; ++attempt) {
    auto body = manifest;
    auto created = co_await kube.create(ref, std::move(body));
    if (created) co_return OwnedObject{std::move(created).value(), true};
    Error error = std::move(created).error();
    if (!may_exist_after(error)) co_return error;
    auto existing = co_await find_owned(kube, ref, checkpoint_id, kind);
    if (!existing) co_return std::move(existing).error();
    if (*existing) co_return OwnedObject{std::move(**existing), false};
    if (error.reason == "AlreadyExists") co_return error;  // it existed and was deleted since
    if (attempt >= kMaxCreates) co_return gave_up(label, std::move(error), attempt, "the most checkpointd makes");
    const auto delay = kube.caller_backoff(attempt);
    if (Clock::now() + delay >= deadline)
      co_return gave_up(label, std::move(error), attempt, describe_wait(delay, deadline));
    obs::logger("engine.cnpg")
        ->warn("{} is not there after a create that failed ({}); creating it again in {} (create {} of at most {})",
               label, error.message, format_duration(delay), attempt + 1, kMaxCreates);
    const auto executor = co_await boost::asio::this_coro::executor;
    boost::asio::steady_timer pause{executor, delay};
    co_await pause.async_wait(boost::asio::use_awaitable);
  }
}

}  // namespace ckpt::engine::cnpg
