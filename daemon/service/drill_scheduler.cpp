#include "service/drill_scheduler.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/state_machine.hpp"
#include "core/time_format.hpp"
#include "obs/context_logger.hpp"
#include "obs/logging.hpp"

namespace ckpt::service {
namespace {

// The longest a scheduler sleeps before it looks at the clock again (the wall clock may
// be set while it sleeps).
constexpr Millis kLongestSleep{1000};

obs::ContextLogger log_for(const std::string& cluster) {
  return obs::ContextLogger(obs::logger("drill"), {{"cluster", cluster}});
}

}  // namespace

void DrillScheduler::start() {
  for (const auto& cluster : context_.config.clusters) {
    if (!cluster.drill) continue;
    const auto gap = longest_gap(cluster.drill->schedule, context_.clock());
    context_.metrics.set_drill_interval(cluster.name, std::chrono::duration<double>(gap).count());
    tasks_.spawn(run(cluster));
  }
}

bool DrillScheduler::cluster_held(const std::string& cluster) const {
  for (const auto& checkpoint : context_.store.list(cluster, std::nullopt)) {
    if (holds_cluster(checkpoint.state)) return true;
  }
  return false;
}

boost::asio::awaitable<void> DrillScheduler::run(const config::Cluster& cluster) {
  const auto log = log_for(cluster.name);
  const auto& schedule = cluster.drill->schedule;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  auto next = next_fire(schedule, context_.clock());
  if (next) log.info("restore drills on schedule '{}', next at {}", schedule.text, format_rfc3339(*next));
  while (next && !stopping_.load()) {
    const auto now = context_.clock();
    if (now < *next) {
      timer.expires_after(std::min(std::chrono::duration_cast<Millis>(*next - now), kLongestSleep));
      boost::system::error_code ignored;
      co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
      continue;
    }
    if (cluster_held(cluster.name)) {
      log.warn("scheduled restore drill skipped: a checkpoint holds the cluster");
    } else {
      const DrillRequest request{cluster.name, cluster.drill->keep, "schedule"};
      const std::string trigger = "schedule";
      const auto outcome = co_await drills_.start(request, trigger);
      if (const auto* error = std::get_if<Error>(&outcome)) {
        log.error("scheduled restore drill could not begin: {}", error->message);
      }
    }
    next = next_fire(schedule, context_.clock());
  }
}

}  // namespace ckpt::service
