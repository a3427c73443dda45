// The RestoreObserver the runner hands to engines: each mark is written to the store
// (durably) before the engine continues, and phase durations go to the metrics.
#pragma once

#include <string>

#include "engine/engine.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class RestoreRecorder final : public engine::RestoreObserver {
 public:
  RestoreRecorder(ServiceContext& context, std::string checkpoint_id, std::string cluster, std::string trigger)
      : context_(context), id_(std::move(checkpoint_id)), cluster_(std::move(cluster)), trigger_(std::move(trigger)) {}

  boost::asio::awaitable<Result<void>> assign_target(std::string target, int port) override;
  boost::asio::awaitable<Result<void>> reached(std::string phase) override;
  boost::asio::awaitable<void> note(std::string message) override;

 private:
  ServiceContext& context_;
  std::string id_;
  std::string cluster_;
  std::string trigger_;
};

}  // namespace ckpt::service
