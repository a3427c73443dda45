// The verbs as checkpointctl runs them, against the scripted daemon (fake_daemon.hpp)
// and the fake wait clock: parse the arguments, execute, and keep what went to stdout
// and stderr. Shared by the verb tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/verbs.hpp"
#include "client/fake_daemon.hpp"
#include "client/sample_checkpoints.hpp"

namespace ckpt::cli::testing {

class VerbFixture : public ::testing::Test {
 protected:
  int run(const std::vector<std::string>& args, bool terminal = false) {
    auto parsed = parse_command_line(args, [](const std::string&) { return std::nullopt; });
    if (!parsed) {
      ADD_FAILURE() << parsed.error().message;
      return -1;
    }
    const ApiClient api{daemon.transport(), "s3cret-token"};
    Console console{.out = out, .err = err, .out_is_terminal = terminal};
    const VerbContext context{.api = api, .console = console, .wait_clock = clock.clock(), .wall_clock = [] {
                                return at("2026-11-21T06:48:27.423456Z");
                              }};
    return execute_command(std::get<Command>(*parsed), context);
  }

  boost::json::value request_body(std::size_t index) const {
    return boost::json::parse(daemon.requests().at(index).body);
  }

  FakeDaemon daemon;
  FakeWaitClock clock;
  std::ostringstream out;
  std::ostringstream err;
};

}  // namespace ckpt::cli::testing
