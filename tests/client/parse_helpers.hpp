// Parsing a command line in the client tests: the parsed command, or the usage error a
// test expects (asserted to be bad_request), with an optional environment.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "cli/command_line.hpp"

namespace ckpt::cli::testing {

using Environment = std::map<std::string, std::string>;

inline Result<ParsedCommandLine> parse(const std::vector<std::string>& args, const Environment& environment = {}) {
  return parse_command_line(args, [environment](const std::string& name) -> std::optional<std::string> {
    const auto found = environment.find(name);
    if (found == environment.end()) return std::nullopt;
    return found->second;
  });
}

inline Command command_of(const std::vector<std::string>& args, const Environment& environment = {}) {
  auto parsed = parse(args, environment);
  if (!parsed) {
    ADD_FAILURE() << "unexpected error: " << parsed.error().message;
    return {};
  }
  const auto* command = std::get_if<Command>(&*parsed);
  if (command == nullptr) {
    ADD_FAILURE() << "expected a command, got help text";
    return {};
  }
  return *command;
}

inline std::string usage_error_of(const std::vector<std::string>& args, const Environment& environment = {}) {
  auto parsed = parse(args, environment);
  if (parsed) {
    ADD_FAILURE() << "expected a usage error";
    return {};
  }
  EXPECT_EQ(parsed.error().code, ErrorCode::bad_request);
  return parsed.error().message;
}

}  // namespace ckpt::cli::testing
