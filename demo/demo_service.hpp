// What the demo service does, apart from the network: it makes its own traffic (a tick
// adds `rps` requests per second, the error ratio of them failed) and answers
//   GET  /metrics              Prometheus text (metrics_text.hpp)
//   GET  /healthz              200 {"status":"ok","error_ratio":R} while R < 0.5,
//                              else 503 {"status":"degraded","error_ratio":R}
//   GET  /control/error-ratio  200 {"error_ratio":R}: the ratio set
//   POST /control/error-ratio  body a number from 0 to 1 (e.g. "0.3"): sets the ratio
// With a flag gate (a flagd file and a flag name) the ratio applied to the traffic and
// reported by /healthz is the one set only while the flag is on (flag_file.hpp, read on
// every tick), else 0: turning the flag off stops the errors. /metrics' demo_error_ratio
// and /control show the ratio set. Other paths are 404, other methods 405.
// Not thread-safe: one thread runs the ticks and the requests.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "net/http_message.hpp"
#include "traffic.hpp"

namespace ckpt::demo {

struct FlagGate {
  std::filesystem::path file;
  std::string flag;
};

class DemoService {
 public:
  using Clock = std::chrono::steady_clock;

  DemoService(double rps, double error_ratio, std::optional<FlagGate> gate);

  // Adds the traffic since the previous tick (the first one only starts the clock).
  void tick(Clock::time_point now);

  net::HttpResponse handle(const net::HttpRequest& request);

 private:
  double applied_ratio() const { return flag_on_ ? error_ratio_ : 0; }
  net::HttpResponse set_error_ratio(const std::string& body);

  double rps_;
  double error_ratio_;
  std::optional<FlagGate> gate_;
  bool flag_on_ = true;
  Traffic traffic_;
  std::optional<Clock::time_point> last_tick_;
};

}  // namespace ckpt::demo
