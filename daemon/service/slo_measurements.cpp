#include "service/slo_measurements.hpp"

namespace ckpt::service {

boost::asio::awaitable<Measurement> SloMeasurements::take(const SloMetric& metric, const MetricSpec& spec,
                                                          const std::string& cluster) {
  Measurement measurement;
  measurement.started_at = context_.clock();
  const auto database = context_.engines.at(cluster)->migration_connection();
  const ProviderSpec provider = metric.provider;
  auto value = co_await measurer_.measure(provider, metric.timeout, database);
  measurement.finished_at = context_.clock();
  if (!value) {
    measurement.phase = AnalysisPhase::error;
    measurement.message = value.error().message;
  } else {
    measurement.value = to_string(*value);
    Judgment judgment = judge(spec, *value);
    measurement.phase = judgment.phase;
    measurement.message = std::move(judgment.message);
  }
  context_.metrics.count_slo_measurement(cluster, provider_kind(metric.provider), to_string(measurement.phase));
  co_return measurement;
}

}  // namespace ckpt::service
