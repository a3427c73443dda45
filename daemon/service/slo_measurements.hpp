// One judged measurement of an SLO metric: the provider's value through slo::Measurer
// (with the metric's timeout), judged against the spec's conditions (core/analysis.hpp
// judge()); a provider that cannot measure gives an Error measurement carrying its
// message. Counted in checkpointd_slo_measurements_total. Used by the watch's runs, the
// ladder's data checks and the health checks after a flag change.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "core/analysis.hpp"
#include "core/slo_plan.hpp"
#include "service/service_context.hpp"
#include "slo/measurer.hpp"

namespace ckpt::service {

class SloMeasurements {
 public:
  SloMeasurements(ServiceContext& context, slo::Measurer& measurer) : context_(context), measurer_(measurer) {}

  // `spec`: the analysis the value is judged by (the metric's own, or its recheck form).
  boost::asio::awaitable<Measurement> take(const SloMetric& metric, const MetricSpec& spec, const std::string& cluster);

 private:
  ServiceContext& context_;
  slo::Measurer& measurer_;
};

}  // namespace ckpt::service
