#include "service/migration_runner.hpp"

#include "obs/logging.hpp"
#include "service/migration_run.hpp"

namespace ckpt::service {
namespace {

obs::ContextLogger log_for(const std::string& id, const std::string& cluster) {
  return obs::ContextLogger(obs::logger("migration"), {{"checkpoint", id}, {"cluster", cluster}});
}

bool runs_sql(const Checkpoint& checkpoint) {
  return checkpoint.state == CheckpointState::migrating && checkpoint.migration &&
         checkpoint.migration->kind == "sql" && checkpoint.request.plan;
}

}  // namespace

void MigrationRunner::start(std::string checkpoint_id) {
  tasks_.spawn(pipeline(std::move(checkpoint_id)));
}

void MigrationRunner::resume() {
  for (const auto& checkpoint : context_.store.list(std::nullopt, CheckpointState::migrating)) {
    if (!runs_sql(checkpoint)) continue;
    log_for(checkpoint.id, checkpoint.request.cluster).info("resuming the SQL migration after a restart");
    start(checkpoint.id);
  }
}

void MigrationRunner::stop() {
  stopping_ = true;
  std::map<std::string, Backend> running;
  {
    std::lock_guard lock(backends_mutex_);
    running = backends_;
  }
  for (const auto& [id, backend] : running) {
    if (auto cancelled = pg::cancel_backend(backend.params, backend.pid); !cancelled) {
      obs::logger("migration")
          ->warn("checkpoint={} could not cancel the running statement: {}", id, cancelled.error().message);
    }
  }
}

void MigrationRunner::register_backend(const std::string& id, Backend backend) {
  std::lock_guard lock(backends_mutex_);
  backends_[id] = std::move(backend);
}

void MigrationRunner::forget_backend(const std::string& id) {
  std::lock_guard lock(backends_mutex_);
  backends_.erase(id);
}

boost::asio::awaitable<void> MigrationRunner::pipeline(std::string id) {
  const auto checkpoint = context_.store.get(id);
  if (!checkpoint || !runs_sql(*checkpoint)) co_return;
  const auto cluster = checkpoint->request.cluster;
  auto log = log_for(id, cluster);
  auto params = context_.engines.at(cluster)->migration_connection();
  params.application_name = "checkpointd/" + id;
  const SessionSettings settings = checkpoint->request.plan->session;

  auto opened = co_await context_.on_pool([&] { return pg::MigrationSession::open(params, settings); });
  if (!opened) {
    if (stopping_.load()) co_return;
    const MigrationFailure failure{"", 0, "", "cannot open the migration session: " + opened.error().message, 0};
    auto failed = co_await outcomes_.failed(id, failure);
    if (!failed) log.error("could not record the failed migration: {}", failed.error().message);
    co_return;
  }
  pg::MigrationSession session = std::move(opened).value();
  register_backend(id, Backend{params, session.backend_pid()});
  struct Forget {
    MigrationRunner& runner;
    const std::string& id;
    ~Forget() { runner.forget_backend(id); }
  } forget{*this, id};

  MigrationRun run(context_, id, session, stopping_, log);
  const RunEnd end = co_await run.run();
  switch (end.kind) {
    case RunEnd::Kind::interrupted:
      log.info("the SQL migration stopped before its end; it resumes when the daemon starts again");
      co_return;
    case RunEnd::Kind::failed: {
      auto failed = co_await outcomes_.failed(id, end.failure);
      if (!failed) log.error("could not record the failed migration: {}", failed.error().message);
      co_return;
    }
    case RunEnd::Kind::applied: {
      log.info("every SQL step applied");
      auto succeeded = co_await outcomes_.succeeded(id);
      if (!succeeded) log.error("could not record the finished migration: {}", succeeded.error().message);
      co_return;
    }
  }
}

}  // namespace ckpt::service
