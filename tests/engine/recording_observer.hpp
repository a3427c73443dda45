// A RestoreObserver for tests: records targets, phases and notes in memory, and can
// refuse one phase (as if the daemon died before recording it) to test resuming.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/engine.hpp"

namespace ckpt::test {

class RecordingObserver : public engine::RestoreObserver {
 public:
  explicit RecordingObserver(std::string fail_at_phase = {}) : fail_at_(std::move(fail_at_phase)) {}

  boost::asio::awaitable<Result<void>> assign_target(std::string target, int port) override {
    targets.emplace_back(std::move(target), port);
    co_return Result<void>{};
  }

  boost::asio::awaitable<Result<void>> reached(std::string phase) override {
    if (phase == fail_at_) co_return make_error(ErrorCode::internal, "simulated crash before recording " + phase);
    phases.push_back(std::move(phase));
    co_return Result<void>{};
  }

  boost::asio::awaitable<void> note(std::string message) override {
    notes.push_back(std::move(message));
    co_return;
  }

  // What the daemon would have in its journal after this run.
  RestoreRecord record() const {
    RestoreRecord record;
    record.trigger = "manual";
    if (!targets.empty()) {
      record.target = targets.back().first;
      record.port = targets.back().second;
    }
    for (const auto& phase : phases) record.phases.push_back({phase, std::chrono::system_clock::now()});
    return record;
  }

  std::vector<std::pair<std::string, int>> targets;
  std::vector<std::string> phases;
  std::vector<std::string> notes;

 private:
  std::string fail_at_;
};

}  // namespace ckpt::test
