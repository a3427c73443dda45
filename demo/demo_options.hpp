// The demo service's command line:
//   --listen HOST:PORT      where to serve (default 127.0.0.1:0, 0: any free port)
//   --rps N                 requests per second it makes up (default 50)
//   --error-ratio R         share of them that fail at start, 0 to 1 (default 0)
//   --flag-file PATH --flag NAME
//                           apply the error ratio only while the flagd file's flag is on
//   --help
// Errors are bad_request with a message naming the option.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "demo_service.hpp"

namespace ckpt::demo {

struct DemoOptions {
  bool help = false;
  std::string address = "127.0.0.1";  // an IPv6 address without brackets
  std::uint16_t port = 0;
  double rps = 50;
  double error_ratio = 0;
  std::optional<FlagGate> gate;
};

Result<DemoOptions> parse_demo_options(int argc, const char* const* argv);

std::string demo_usage();

}  // namespace ckpt::demo
