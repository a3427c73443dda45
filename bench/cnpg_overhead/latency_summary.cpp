#include "latency_summary.hpp"

#include <algorithm>
#include <cmath>

namespace ckpt::bench {

LatencySummary summarize(std::vector<double> samples_ms) {
  if (samples_ms.empty()) return {};
  std::sort(samples_ms.begin(), samples_ms.end());
  const auto n = samples_ms.size();
  const double median = n % 2 == 1 ? samples_ms[n / 2] : (samples_ms[n / 2 - 1] + samples_ms[n / 2]) / 2;
  const auto p90_rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(n)));
  return {n, median, samples_ms[p90_rank - 1], samples_ms.front(), samples_ms.back()};
}

double milliseconds_between(std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace ckpt::bench
