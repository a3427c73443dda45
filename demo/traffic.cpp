#include "traffic.hpp"

#include <cmath>

namespace ckpt::demo {
namespace {

// Moves the whole part of `due` into `counter`.
void count_whole(double& due, std::uint64_t& counter) {
  const double whole = std::floor(due);
  counter += static_cast<std::uint64_t>(whole);
  due -= whole;
}

}  // namespace

void Traffic::advance(std::chrono::duration<double> elapsed, double rps, double ratio) {
  const double arrived = rps * elapsed.count();
  requests_due_ += arrived;
  errors_due_ += arrived * ratio;
  count_whole(requests_due_, requests_);
  count_whole(errors_due_, errors_);
}

}  // namespace ckpt::demo
