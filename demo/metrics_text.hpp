// The demo service's /metrics in the Prometheus text format (version 0.0.4):
//   demo_requests_total{route="/login"}  counter of requests
//   demo_errors_total{route="/login"}    counter of failed requests
//   demo_error_ratio                     gauge: the error ratio set through /control
// Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ckpt::demo {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

struct MetricsSnapshot {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double error_ratio = 0;
};

std::string metrics_text(const MetricsSnapshot& snapshot);

}  // namespace ckpt::demo
