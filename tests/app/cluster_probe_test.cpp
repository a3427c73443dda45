// The cluster probe sets the health gauges from each engine's probe_health() (an engine's
// own, or the default that reads preflight()'s refusal reason) and counts the open
// rollback windows from the store; started, it probes every interval until stopped.
#include "app/cluster_probe.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <optional>
#include <sstream>

#include "config/config.hpp"
#include "obs/metrics.hpp"
#include "state/checkpoint_store.hpp"
#include "support/stub_engine.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

using app::ClusterProbe;

// An engine whose preflight refuses with `refusal` (none: passes); with `health` set it
// probes itself, else it keeps Engine's default probe. Counts its probes.
class ProbedEngine final : public StubEngine {
 public:
  std::string refusal;
  std::optional<engine::ClusterHealth> health;
  std::atomic<int> probes{0};

  engine::Task<void> preflight() override {
    ++probes;
    if (refusal.empty()) co_return Result<void>{};
    co_return make_error(ErrorCode::refused, "refused for the test", refusal);
  }
  boost::asio::awaitable<engine::ClusterHealth> probe_health() override {
    if (!health) co_return co_await Engine::probe_health();
    ++probes;
    co_return *health;
  }
};

std::optional<double> value_of(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return std::nullopt;
}

class ClusterProbeTest : public ::testing::Test {
 protected:
  ClusterProbeTest() {
    for (const char* name : {"app", "billing"}) {
      config::Cluster cluster;
      cluster.name = name;
      config_.clusters.push_back(cluster);
    }
    auto app = std::make_unique<ProbedEngine>();
    app->health = engine::ClusterHealth{true, false, 12.5};
    app_ = app.get();
    auto billing = std::make_unique<ProbedEngine>();
    billing->refusal = "wal_archive_failing";
    billing_ = billing.get();
    engines_.emplace("app", std::move(app));
    engines_.emplace("billing", std::move(billing));
    store_ = std::move(CheckpointStore::open(dir_.path() / "state", [] {
               return std::chrono::system_clock::now();
             })).value();
    metrics_ = std::make_unique<obs::Metrics>(config_, "test");
    context_.emplace(service::ServiceContext{config_, *store_, engines_, *metrics_, io_.get_executor(), pool_,
                                             [] { return std::chrono::system_clock::now(); }});
  }
  ~ClusterProbeTest() override { pool_.join(); }

  void add_checkpoint(const std::string& id, CheckpointState state) {
    Checkpoint checkpoint;
    checkpoint.id = id;
    checkpoint.request.cluster = "app";
    checkpoint.request.migration_id = "m-" + id;
    checkpoint.request.window = RollbackWindow{std::chrono::hours{1}, "alice", "bob"};
    checkpoint.state = state;
    if (state == CheckpointState::committed) checkpoint.committed_at = std::chrono::system_clock::now();
    ASSERT_TRUE(store_->create(checkpoint, "created by the test"));
  }

  void probe_once(ClusterProbe& probe, const std::string& cluster) {
    boost::asio::co_spawn(io_, probe.probe(cluster), boost::asio::detached);
    io_.restart();
    io_.run();
  }

  TempDir dir_;
  config::Config config_;
  std::map<std::string, std::unique_ptr<engine::Engine>, std::less<>> engines_;
  ProbedEngine* app_ = nullptr;
  ProbedEngine* billing_ = nullptr;
  std::unique_ptr<CheckpointStore> store_;
  std::unique_ptr<obs::Metrics> metrics_;
  boost::asio::io_context io_;
  boost::asio::thread_pool pool_{2};
  std::optional<service::ServiceContext> context_;
};

TEST_F(ClusterProbeTest, SetsTheGaugesFromTheEnginesOwnProbe) {
  add_checkpoint("c0000001", CheckpointState::ready);
  add_checkpoint("c0000002", CheckpointState::committed);
  add_checkpoint("c0000003", CheckpointState::failed);
  ClusterProbe probe(*context_);
  probe_once(probe, "app");
  const auto text = metrics_->render();
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="app"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="app"})"), 0.0);
  EXPECT_GE(value_of(text, R"(checkpointd_wal_last_archived_age_seconds{cluster="app"})").value_or(0), 12.5);
  EXPECT_EQ(value_of(text, R"(checkpointd_rollback_windows_open{cluster="app"})"), 2.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="billing"})"), std::nullopt)
      << "billing was not probed";
}

TEST_F(ClusterProbeTest, TheDefaultProbeReadsThePreflightsRefusal) {
  ClusterProbe probe(*context_);
  probe_once(probe, "billing");
  auto text = metrics_->render();
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="billing"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="billing"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_last_archived_age_seconds{cluster="billing"})"), std::nullopt);

  billing_->refusal = "cluster_unreachable";
  probe_once(probe, "billing");
  text = metrics_->render();
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="billing"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="billing"})"), std::nullopt)
      << "an unreachable cluster's archiving is unknown, not unhealthy";

  billing_->refusal.clear();
  probe_once(probe, "billing");
  text = metrics_->render();
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="billing"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="billing"})"), 1.0);
}

TEST_F(ClusterProbeTest, ProbesEveryClusterEachIntervalUntilStopped) {
  ClusterProbe probe(*context_, std::chrono::milliseconds{20});
  probe.start();
  io_.run_for(std::chrono::milliseconds{300});
  probe.stop();
  io_.restart();
  io_.run();  // the loops end at their next wake-up
  EXPECT_GE(app_->probes.load(), 3);
  EXPECT_GE(billing_->probes.load(), 3);
  EXPECT_EQ(value_of(metrics_->render(), R"(checkpointd_cluster_reachable{cluster="billing"})"), 1.0);
}

}  // namespace
}  // namespace ckpt::test
