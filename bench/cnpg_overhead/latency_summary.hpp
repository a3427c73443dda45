// Summaries of latency samples in milliseconds: count, median, 90th percentile (nearest
// rank), minimum and maximum, and the duration between two wall-clock instants in
// milliseconds. Pure.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace ckpt::bench {

struct LatencySummary {
  std::size_t count = 0;
  double median_ms = 0;
  double p90_ms = 0;
  double min_ms = 0;
  double max_ms = 0;
};

// All zero for no samples.
LatencySummary summarize(std::vector<double> samples_ms);

double milliseconds_between(std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to);

}  // namespace ckpt::bench
