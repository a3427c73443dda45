#include "demo_service.hpp"

#include <charconv>
#include <cmath>

#include "flag_file.hpp"
#include "metrics_text.hpp"
#include "number_text.hpp"

namespace ckpt::demo {
namespace {

constexpr double kDegradedRatio = 0.5;

net::HttpResponse json_response(int status, std::string body) {
  net::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// A ratio from 0 to 1 written as a plain number.
std::optional<double> ratio_from(std::string_view text) {
  text = trimmed(text);
  double ratio = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, ratio);
  if (text.empty() || ec != std::errc{} || stop != end || !(ratio >= 0 && ratio <= 1)) return std::nullopt;
  return ratio;
}

// 405 with the Allow header.
net::HttpResponse method_not_allowed(const net::HttpRequest& request, std::string allowed) {
  auto response = net::json_error(405, "method_not_allowed", request.method + " is not allowed; use " + allowed);
  response.headers.emplace_back("Allow", std::move(allowed));
  return response;
}

}  // namespace

DemoService::DemoService(double rps, double error_ratio, std::optional<FlagGate> gate)
    : rps_(rps), error_ratio_(error_ratio), gate_(std::move(gate)) {}

void DemoService::tick(Clock::time_point now) {
  if (gate_) flag_on_ = flag_file_says_on(gate_->file, gate_->flag);
  if (last_tick_) traffic_.advance(now - *last_tick_, rps_, applied_ratio());
  last_tick_ = now;
}

net::HttpResponse DemoService::handle(const net::HttpRequest& request) {
  const std::string path = request.path();
  if (path == "/metrics") {
    if (request.method != "GET") return method_not_allowed(request, "GET");
    net::HttpResponse response;
    response.content_type = std::string{kMetricsContentType};
    response.body = metrics_text({traffic_.requests(), traffic_.errors(), error_ratio_});
    return response;
  }
  if (path == "/healthz") {
    if (request.method != "GET") return method_not_allowed(request, "GET");
    const double ratio = applied_ratio();
    const bool healthy = ratio < kDegradedRatio;
    return json_response(healthy ? 200 : 503, std::string{"{\"status\":\""} + (healthy ? "ok" : "degraded") +
                                                  "\",\"error_ratio\":" + number_text(ratio) + "}");
  }
  if (path == "/control/error-ratio") {
    if (request.method == "POST") return set_error_ratio(request.body);
    if (request.method != "GET") return method_not_allowed(request, "GET, POST");
    return json_response(200, "{\"error_ratio\":" + number_text(error_ratio_) + "}");
  }
  return net::json_error(404, "not_found", "no route " + path + "; try /metrics, /healthz or /control/error-ratio");
}

net::HttpResponse DemoService::set_error_ratio(const std::string& body) {
  const auto ratio = ratio_from(body);
  if (!ratio) {
    return net::json_error(400, "bad_request", "the body must be a number from 0 to 1, such as 0.3");
  }
  error_ratio_ = *ratio;
  return json_response(200, "{\"error_ratio\":" + number_text(error_ratio_) + "}");
}

}  // namespace ckpt::demo
