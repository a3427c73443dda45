#include "service/migration_service.hpp"

#include "core/state_machine.hpp"
#include "obs/redact.hpp"
#include "service/errors.hpp"

namespace ckpt::service {
namespace {

std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

// The last `count` lines of `text`.
std::string last_lines(const std::string& text, int count) {
  auto end = text.size();
  while (end > 0 && text[end - 1] == '\n') --end;
  auto start = end;
  for (int lines = 0; start > 0; --start) {
    if (text[start - 1] == '\n' && ++lines == count) break;
  }
  return text.substr(start, end - start);
}

constexpr int kFailureOutputLines = 10;

}  // namespace

DatabaseEndpoint MigrationService::endpoint_of(const Checkpoint& checkpoint) const {
  const auto params = context_.engines.at(checkpoint.request.cluster)->migration_connection();
  return DatabaseEndpoint{params.host, params.port, params.dbname, params.user};
}

boost::asio::awaitable<Result<MigrationStarted>> MigrationService::start(std::string id,
                                                                         MigrationStartRequest request) {
  // A wrapped command's argv may hold a connection URL with its password: recorded and
  // logged redacted (obs/redact.hpp), here where it enters the daemon.
  for (auto& argument : request.command) argument = obs::redact(argument);
  auto current = context_.store.get(id);
  if (!current) co_return checkpoint_not_found(id);
  const bool wraps = !request.command.empty();
  const auto& plan = current->request.plan;
  if (!wraps && (!plan || plan->steps.empty())) {
    co_return make_error(ErrorCode::bad_request,
                         "checkpoint '" + id +
                             "' has no plan with SQL steps for the daemon to run; send the "
                             "command to wrap, or begin with a plan (checkpointctl run --plan FILE)");
  }
  if (wraps && plan && !plan->steps.empty()) {
    co_return make_error(ErrorCode::bad_request, "checkpoint '" + id +
                                                     "' has a plan with SQL steps: the daemon runs them, a command "
                                                     "cannot run instead of them");
  }
  const std::string kind = wraps ? "command" : "sql";
  if (current->state == CheckpointState::migrating && current->migration && current->migration->kind == kind &&
      current->migration->command == request.command) {
    if (watch_has_work(*current)) watch_.start(id);
    auto endpoint = endpoint_of(*current);
    co_return MigrationStarted{std::move(*current), std::move(endpoint)};
  }
  const auto now = context_.clock();
  const std::string what = wraps ? "the migration job runs `" + joined(request.command) + "`"
                                 : "the daemon runs " + std::to_string(plan->steps.size()) + " SQL file(s)";
  auto started = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::start_migration,
        [&](Checkpoint& checkpoint) {
          MigrationRecord record;
          record.kind = kind;
          record.started_at = now;
          record.command = request.command;
          checkpoint.migration = std::move(record);
          const auto& watched = checkpoint.request.plan;
          if (watched && watched->slo) checkpoint.watch = start_watch(*watched->slo, now);
        },
        "migration started: " + what);
  });
  if (!started) co_return std::move(started).error();
  if (started->watch) watch_.start(id);
  if (!wraps) runner_.start(id);
  co_return MigrationStarted{started.value(), endpoint_of(started.value())};
}

boost::asio::awaitable<Result<Checkpoint>> MigrationService::finish_command(std::string id, CommandResult result) {
  // The wrapped command's output (the child's stdout and stderr, which the client
  // captured) enters the daemon here: redacted before it is recorded or logged.
  result.output = obs::redact(result.output);
  auto current = context_.store.get(id);
  if (!current) co_return checkpoint_not_found(id);
  if (current->state != CheckpointState::migrating || !current->migration || current->migration->kind != "command") {
    co_return make_error(ErrorCode::conflict, "checkpoint '" + id + "' is " + std::string{to_string(current->state)} +
                                                  " and runs no wrapped command; only a migrating checkpoint "
                                                  "started with a command takes its result");
  }
  const bool ok = result.exit_code == 0 && result.signal.empty();
  const std::string status = result.signal.empty() ? "exited with status " + std::to_string(result.exit_code)
                                                   : "was ended by " + result.signal;
  auto recorded = co_await context_.on_pool([&] {
    return context_.store.update(
        id,
        [&](Checkpoint& checkpoint) {
          checkpoint.migration->exit_code = result.exit_code;
          checkpoint.migration->signal = result.signal;
          checkpoint.migration->output = result.output;
        },
        "migration.command", "the command " + status);
  });
  if (!recorded) co_return recorded;
  if (ok) co_return co_await outcomes_.succeeded(id);
  std::string message = "the command `" + joined(current->migration->command) + "` " + status;
  if (const auto tail = last_lines(result.output, kFailureOutputLines); !tail.empty()) {
    message += "; its last output lines:\n" + tail;
  }
  const MigrationFailure failure{"", 0, "", message, 0};
  co_return co_await outcomes_.failed(id, failure);
}

}  // namespace ckpt::service
