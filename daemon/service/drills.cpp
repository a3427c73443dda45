#include "service/drills.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

#include "core/state_machine.hpp"
#include "core/time_format.hpp"
#include "obs/context_logger.hpp"
#include "obs/logging.hpp"

namespace ckpt::service {
namespace {

// How often a drill looks at its checkpoint while the backup or the restore runs.
constexpr Millis kPollInterval{200};

obs::ContextLogger log_for(const Checkpoint& checkpoint) {
  return obs::ContextLogger(obs::logger("drill"),
                            {{"checkpoint", checkpoint.id}, {"cluster", checkpoint.request.cluster}});
}

// restore-drill-20261206T031500Z: the drill's migration id, from the time it began.
std::string drill_migration_id(TimePoint at) {
  std::string stamp = format_rfc3339(at).substr(0, 19);  // 2026-12-06T03:15:00
  std::erase(stamp, '-');
  std::erase(stamp, ':');
  return "restore-drill-" + stamp + "Z";
}

double unix_seconds(TimePoint at) {
  return std::chrono::duration<double>(at.time_since_epoch()).count();
}

// The drill's restore, trigger to verified; 0 when none was measured.
double restore_seconds(const Checkpoint& checkpoint) {
  return checkpoint.restore ? checkpoint.restore->duration_seconds.value_or(0) : 0;
}

bool concluded(const Checkpoint& checkpoint) {
  return checkpoint.drill_result.has_value();
}

}  // namespace

boost::asio::awaitable<std::variant<BeginOutcome, Refusal, Error>> Drills::start(const DrillRequest& request,
                                                                                 const std::string& trigger) {
  BeginRequest begin;
  begin.cluster = request.cluster;
  begin.migration_id = drill_migration_id(context_.clock());
  begin.purpose = "restore drill";
  begin.drill = DrillOrder{trigger, request.keep, request.by};
  auto outcome = co_await checkpoints_.begin(begin);
  if (const auto* begun = std::get_if<BeginOutcome>(&outcome)) follow(begun->checkpoint.id);
  if (const auto* refused = std::get_if<Refusal>(&outcome); refused != nullptr && !refused->checkpoint_id.empty()) {
    follow(refused->checkpoint_id);
  }
  co_return outcome;
}

void Drills::resume() {
  std::map<std::string, const Checkpoint*> last_success;
  const auto checkpoints = context_.store.list(std::nullopt, std::nullopt);
  for (const auto& checkpoint : checkpoints) {
    if (!checkpoint.request.drill) continue;
    if (!concluded(checkpoint)) {
      log_for(checkpoint).info("resuming the restore drill after a restart");
      follow(checkpoint.id);
      continue;
    }
    if (!checkpoint.drill_result->verified) continue;
    auto& newest = last_success[checkpoint.request.cluster];
    if (!newest || newest->drill_result->finished_at < checkpoint.drill_result->finished_at) newest = &checkpoint;
  }
  for (const auto& [cluster, newest] : last_success) {
    context_.metrics.set_last_drill_success(cluster, unix_seconds(newest->drill_result->finished_at),
                                            restore_seconds(*newest));
  }
  for (const auto& cluster : context_.config.clusters) {
    if (cluster.rto_budget > Millis{0}) {
      context_.metrics.set_rto_budget(cluster.name, std::chrono::duration<double>(cluster.rto_budget).count());
    }
  }
}

void Drills::follow(const std::string& id) {
  {
    std::lock_guard lock(following_mutex_);
    if (!following_.insert(id).second) return;
  }
  tasks_.spawn(run(id));
}

void Drills::forget(const std::string& id) {
  std::lock_guard lock(following_mutex_);
  following_.erase(id);
}

boost::asio::awaitable<void> Drills::run(std::string id) {
  struct Forget {
    Drills& drills;
    const std::string& id;
    ~Forget() { drills.forget(id); }
  } forget{*this, id};
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (!stopping_.load()) {
    const auto checkpoint = context_.store.get(id);
    if (!checkpoint || concluded(*checkpoint)) break;
    if (!co_await advance(*checkpoint)) break;
    timer.expires_after(kPollInterval);
    boost::system::error_code ignored;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }
}

boost::asio::awaitable<bool> Drills::advance(const Checkpoint& checkpoint) {
  switch (checkpoint.state) {
    case CheckpointState::backing_up:
    case CheckpointState::restoring:
      co_return true;
    case CheckpointState::ready: {
      auto started = co_await checkpoints_.restore_drill(checkpoint.id);
      if (!started) {
        // Someone else moved the checkpoint on (e.g. aborted it): look again.
        log_for(checkpoint).warn("could not start the drill's restore: {}", started.error().message);
      }
      co_return true;
    }
    case CheckpointState::restored:
      co_await finish_restored(checkpoint);
      co_return false;
    case CheckpointState::restore_failed: {
      const auto& restore = *checkpoint.restore;
      const DrillResult result{context_.clock(), false, false,
                               "restore failed: " + restore.error +
                                   (restore.target.empty() ? ""
                                                           : "; the scratch target " + restore.target +
                                                                 " is kept for forensics: remove it by hand")};
      co_await conclude(checkpoint, result);
      co_return false;
    }
    default: {
      const DrillResult result{context_.clock(), false, false,
                               "the drill ended " + std::string{to_string(checkpoint.state)} +
                                   (checkpoint.message.empty() ? "" : ": " + checkpoint.message)};
      co_await conclude(checkpoint, result);
      co_return false;
    }
  }
}

boost::asio::awaitable<void> Drills::finish_restored(const Checkpoint& checkpoint) {
  const std::string& target = checkpoint.restore->target;
  if (checkpoint.request.drill->keep) {
    const DrillResult kept{context_.clock(), true, false, "verified; the scratch target " + target + " is kept (keep)"};
    co_await conclude(checkpoint, kept);
    co_return;
  }
  auto& engine = *context_.engines.at(checkpoint.request.cluster);
  auto removed = co_await engine.remove_drill_target(checkpoint);
  const DrillResult result{context_.clock(), true, removed.ok(),
                           removed ? "verified; the scratch target " + target + " was removed"
                                   : "verified; removing the scratch target " + target +
                                         " failed: " + removed.error().message + "; remove it by hand"};
  co_await conclude(checkpoint, result);
}

boost::asio::awaitable<void> Drills::conclude(const Checkpoint& checkpoint, const DrillResult& result) {
  const auto log = log_for(checkpoint);
  auto recorded = co_await context_.on_pool([&] {
    return context_.store.update(
        checkpoint.id, [&](Checkpoint& c) { c.drill_result = result; }, "drill",
        (result.verified ? "drill verified: " : "drill failed: ") + result.message);
  });
  if (!recorded) {
    log.error("could not record the drill's conclusion: {}", recorded.error().message);
    co_return;
  }
  const double seconds = restore_seconds(checkpoint);
  context_.metrics.observe_drill(checkpoint.request.cluster, result.verified, seconds,
                                 unix_seconds(result.finished_at));
  if (result.verified) {
    log.info("restore drill verified in {:.3f} s; {}", seconds, result.message);
  } else {
    log.warn("restore drill failed: {}", result.message);
  }
}

}  // namespace ckpt::service
