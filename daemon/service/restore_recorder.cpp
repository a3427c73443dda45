#include "service/restore_recorder.hpp"

#include "core/time_format.hpp"

namespace ckpt::service {

boost::asio::awaitable<Result<void>> RestoreRecorder::assign_target(std::string target, int port) {
  auto updated = co_await context_.on_pool([&] {
    return context_.store.update(
        id_,
        [&](Checkpoint& checkpoint) {
          checkpoint.restore->target = target;
          checkpoint.restore->port = port;
        },
        "restore.target", "restoring into " + target + (port != 0 ? " on port " + std::to_string(port) : ""));
  });
  if (!updated) co_return updated.error();
  co_return Result<void>{};
}

boost::asio::awaitable<Result<void>> RestoreRecorder::reached(std::string phase) {
  const auto now = context_.clock();
  double since_previous = 0;
  auto updated = co_await context_.on_pool([&] {
    return context_.store.update(
        id_,
        [&](Checkpoint& checkpoint) {
          auto& phases = checkpoint.restore->phases;
          if (!phases.empty()) since_previous = seconds_between(phases.back().at, now);
          phases.push_back(RestorePhaseMark{phase, now});
        },
        "restore.phase", phase);
  });
  if (!updated) co_return updated.error();
  context_.metrics.observe_restore_phase(cluster_, trigger_, phase, since_previous);
  co_return Result<void>{};
}

boost::asio::awaitable<void> RestoreRecorder::note(std::string message) {
  co_await context_.on_pool([&] { return context_.store.add_event(id_, "restore.progress", message); });
}

}  // namespace ckpt::service
