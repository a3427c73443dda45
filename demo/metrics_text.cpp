#include "metrics_text.hpp"

#include "number_text.hpp"

namespace ckpt::demo {

std::string metrics_text(const MetricsSnapshot& snapshot) {
  std::string text;
  text += "# HELP demo_requests_total Requests served by the demo service.\n";
  text += "# TYPE demo_requests_total counter\n";
  text += "demo_requests_total{route=\"/login\"} " + std::to_string(snapshot.requests) + "\n";
  text += "# HELP demo_errors_total Requests of the demo service that failed.\n";
  text += "# TYPE demo_errors_total counter\n";
  text += "demo_errors_total{route=\"/login\"} " + std::to_string(snapshot.errors) + "\n";
  text += "# HELP demo_error_ratio The share of requests set to fail (POST /control/error-ratio).\n";
  text += "# TYPE demo_error_ratio gauge\n";
  text += "demo_error_ratio " + number_text(snapshot.error_ratio) + "\n";
  return text;
}

}  // namespace ckpt::demo
