#include "slo/measurer.hpp"

#include <string>

#include "net/blocking.hpp"
#include "slo/http_probe.hpp"
#include "slo/prometheus_source.hpp"
#include "slo/sql_probe.hpp"

namespace ckpt::slo {
namespace {

std::string server_names(const config::Config& config) {
  std::string names;
  for (const auto& server : config.prometheus) names += (names.empty() ? "" : ", ") + server.name;
  return names;
}

Error unknown_server(const config::Config& config, const std::string& name) {
  const std::string configured = config.prometheus.empty() ? "the configuration has none: add one under prometheus:"
                                                           : "the configuration has " + server_names(config);
  if (name.empty()) {
    return make_error(
        ErrorCode::bad_request,
        "a prometheus query without a server needs exactly one configured server; name one (" + configured + ")");
  }
  return make_error(ErrorCode::bad_request, "no prometheus server named \"" + name + "\" (" + configured + ")");
}

}  // namespace

Measurer::Measurer(boost::asio::any_io_executor io, boost::asio::thread_pool& blocking, const config::Config& config)
    : io_(std::move(io)), blocking_(blocking), config_(config) {}

boost::asio::awaitable<Result<ResultValue>> Measurer::measure(ProviderSpec provider, Millis timeout,
                                                              pg::ConnParams database) {
  if (timeout <= Millis{0}) {
    co_return make_error(ErrorCode::bad_request, std::string{provider_kind(provider)} +
                                                     " measurement: the timeout must be positive, got " +
                                                     format_duration(timeout));
  }
  if (const auto* query = std::get_if<PrometheusQuery>(&provider)) {
    const auto* server = config_.find_prometheus(query->server);
    if (server == nullptr) co_return unknown_server(config_, query->server);
    co_return co_await query_prometheus(io_, *server, *query, timeout);
  }
  if (const auto* probe = std::get_if<HttpProbe>(&provider)) co_return co_await run_http_probe(io_, *probe, timeout);
  const auto& sql = std::get<SqlProbe>(provider);
  co_return co_await net::run_blocking(blocking_,
                                       [&sql, &database, timeout] { return run_sql_probe(sql, timeout, database); });
}

}  // namespace ckpt::slo
