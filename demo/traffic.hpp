// The demo service's own traffic: request and error counters that grow as if `rps`
// requests per second arrived and `ratio` of them failed. Fractions are carried from
// one step to the next, so the counters' rates are exact whatever the step length. Pure.
#pragma once

#include <chrono>
#include <cstdint>

namespace ckpt::demo {

class Traffic {
 public:
  // Adds `elapsed` seconds of traffic.
  void advance(std::chrono::duration<double> elapsed, double rps, double ratio);

  std::uint64_t requests() const { return requests_; }
  std::uint64_t errors() const { return errors_; }

 private:
  std::uint64_t requests_ = 0;
  std::uint64_t errors_ = 0;
  double requests_due_ = 0;  // the fraction of a request not yet counted
  double errors_due_ = 0;
};

}  // namespace ckpt::demo
