#include "cli/run.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/connection.hpp"
#include "cli/outcome.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

namespace {

// For a command that reads files only: an API that refuses to send anything.
VerbContext offline_context(Console& console) {
  static const ApiClient offline{[](const net::HttpRequest& request) -> Result<net::HttpResponse> {
                                   return make_error(ErrorCode::internal,
                                                     "checkpointctl sends no request in this mode, not even " +
                                                         request.method + " " + request.target);
                                 },
                                 ""};
  return VerbContext{.api = offline,
                     .console = console,
                     .wait_clock = WaitClock::real(),
                     .wall_clock = [] { return std::chrono::system_clock::now(); }};
}

}  // namespace

int run_checkpointctl(const std::vector<std::string>& args, const EnvironmentLookup& environment,
                      Console& console) {
  auto parsed = parse_command_line(args, environment);
  if (!parsed) {
    console.err << error_line(parsed.error()) << '\n';
    return proto::kExitUsage;
  }
  if (const auto* information = std::get_if<InformationRequest>(&*parsed)) {
    console.out << information->text;
    return proto::kExitOk;
  }
  const auto& command = std::get<Command>(*parsed);
  if (!needs_daemon(command)) return execute_command(command, offline_context(console));
  auto connection = resolve_connection(command.connection);
  if (!connection) return report_error(connection.error(), console);
  for (const auto& warning : connection->warnings) console.err << "checkpointctl: " << warning << '\n';

  const ApiClient api{blocking_transport(connection->endpoint, command.connection.request_timeout),
                      connection->bearer_token};
  const VerbContext context{.api = api,
                            .console = console,
                            .wait_clock = WaitClock::real(),
                            .wall_clock = [] { return std::chrono::system_clock::now(); }};
  return execute_command(command, context);
}

int run_checkpointctl(int argc, char** argv) {
  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  const EnvironmentLookup environment = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string{value};
  };
  Console console{.out = std::cout, .err = std::cerr, .out_is_terminal = isatty(STDOUT_FILENO) == 1};
  return run_checkpointctl(args, environment, console);
}

}  // namespace ckpt::cli
