// The checkpoint service with the real cnpg engine (no Kubernetes API needed for what is
// tested) and an engine stand-in that can cut over:
// - `restore --cutover` on an engine that cannot cut over (cnpg) is refused with
//   bad_request before anything is recorded, for a restore and for its dry run; an engine
//   that can cut over gets the restore started with the cut-over recorded;
// - a dry run gives the same verdict as the real call;
// - a refusal that cannot be recorded (the state directory is full) says so.
// - a 404 echoes the unknown id bounded.
#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <exception>
#include <map>
#include <memory>
#include <optional>

#include "engine/cnpg/cnpg_engine.hpp"
#include "obs/metrics.hpp"
#include "service/checkpoint_runner.hpp"
#include "service/checkpoint_service.hpp"
#include "state/checkpoint_store.hpp"
#include "support/stub_engine.hpp"
#include "support/temp_dir.hpp"

#include <sys/resource.h>

namespace ckpt::test {
namespace {

// An engine that can cut over and restores at once, recording what it was asked.
class CuttingOverEngine final : public StubEngine {
 public:
  engine::Task<engine::RestoreOutcome> restore(const Checkpoint&, const engine::RestoreOptions& options,
                                               engine::RestoreObserver&) override {
    restores.push_back(options);
    co_return engine::RestoreOutcome{2, options.cutover};
  }

  std::vector<engine::RestoreOptions> restores;
};

config::Cluster cnpg_cluster() {
  config::Cluster cluster;
  cluster.name = "orders";
  cluster.engine = "cnpg";
  config::CnpgCluster cnpg;
  cnpg.namespace_name = "payments";
  cnpg.cluster_name = "orders-db";
  cluster.cnpg = cnpg;
  return cluster;
}

config::Cluster local_cluster() {
  config::Cluster cluster;
  cluster.name = "ledger";
  return cluster;
}

class CheckpointServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config.clusters = {cnpg_cluster(), local_cluster()};
    auto opened = CheckpointStore::open(state.path(), [] { return std::chrono::system_clock::now(); });
    ASSERT_TRUE(opened) << opened.error().message;
    store = std::move(*opened);
    // The cnpg engine decides about cut-over without calling the API: its client is never used.
    engines["orders"] = std::make_unique<engine::cnpg::CnpgEngine>(config.clusters[0], kube, pool,
                                                                   std::make_shared<spdlog::logger>("cnpg"));
    auto cutting_over = std::make_unique<CuttingOverEngine>();
    local_engine = cutting_over.get();
    engines["ledger"] = std::move(cutting_over);
    context.emplace(service::ServiceContext{config, *store, engines, metrics, io.get_executor(), pool,
                                            [] { return std::chrono::system_clock::now(); }});
    runner.emplace(*context);
    go_no_go.emplace(*context, flag_switch);
    service.emplace(*context, *runner, *go_no_go);
  }

  // A ready checkpoint of `cluster`, optionally after a failed restore (attempt 1).
  Checkpoint stored_checkpoint(const std::string& id, const std::string& cluster, bool failed_restore = false) {
    Checkpoint checkpoint;
    checkpoint.id = id;
    checkpoint.request.cluster = cluster;
    checkpoint.request.migration_id = "2026_01_add_index";
    checkpoint.state = failed_restore ? CheckpointState::restore_failed : CheckpointState::ready;
    checkpoint.backup = BackupInfo{};
    checkpoint.backup->backup_id = "20260115T103001";
    checkpoint.recovery_point = RecoveryPoint{};
    if (failed_restore) {
      checkpoint.restore = RestoreRecord{};
      checkpoint.restore->target = "orders-db-pitr-" + id;
      checkpoint.restore->error = "recovery failed";
    }
    auto created = store->create(checkpoint, "test checkpoint");
    EXPECT_TRUE(created) << created.error().message;
    return created ? *created : checkpoint;
  }

  // Runs one service call to its end on the test's io_context.
  template <typename T>
  T run(std::function<boost::asio::awaitable<T>()> call) {
    std::optional<T> outcome;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { outcome.emplace(co_await call()); },
        [&](std::exception_ptr thrown) { failure = thrown; });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*outcome);
  }

  Result<service::RestoreOutcome> restore(const std::string& id, bool dry_run, bool cutover) {
    RestoreRequest request;
    request.dry_run = dry_run;
    request.cutover = cutover;
    return run<Result<service::RestoreOutcome>>([&] { return service->restore(id, request); });
  }

  void expect_unchanged(const Checkpoint& before) {
    const auto after = store->get(before.id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->state, before.state);
    EXPECT_EQ(after->restore.has_value(), before.restore.has_value());
    EXPECT_EQ(store->events(before.id).size(), 1U) << "no event was recorded";
  }

  TempDir state{"svc"};
  config::Config config;
  std::unique_ptr<CheckpointStore> store;
  boost::asio::io_context io;
  boost::asio::thread_pool pool{2};
  kube::KubeClient kube{io.get_executor(), kube::KubeConnection{}};
  obs::Metrics metrics;
  std::map<std::string, std::unique_ptr<engine::Engine>, std::less<>> engines;
  CuttingOverEngine* local_engine = nullptr;
  std::optional<service::ServiceContext> context;
  std::optional<service::CheckpointRunner> runner;
  flags::FlagSwitch flag_switch{io.get_executor(), pool, config, nullptr};
  std::optional<service::GoNoGo> go_no_go;
  std::optional<service::CheckpointService> service;
};

TEST_F(CheckpointServiceTest, ACnpgRestoreWithCutoverIsRefusedBeforeAnythingIsRecorded) {
  const auto checkpoint = stored_checkpoint("c1", "orders");
  auto refused = restore("c1", false, true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
  EXPECT_EQ(refused.error().message,
            "the cnpg engine does not cut over: CNPG never restores in place, so the restored database is the new "
            "Cluster payments/orders-db-pitr-c1 and the source stays as it is; restore without --cutover, then "
            "point the application at the read-write service orders-db-pitr-c1-rw in namespace payments");
  expect_unchanged(checkpoint);
  EXPECT_EQ(runner->running(), 0);
}

TEST_F(CheckpointServiceTest, ACnpgDryRunWithCutoverIsRefusedToo) {
  const auto checkpoint = stored_checkpoint("c2", "orders");
  auto refused = restore("c2", true, true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
  EXPECT_NE(refused.error().message.find("orders-db-pitr-c2-rw"), std::string::npos) << refused.error().message;
  expect_unchanged(checkpoint);
}

TEST_F(CheckpointServiceTest, AfterAFailedRestoreTheRefusalNamesTheNextAttemptsCluster) {
  const auto checkpoint = stored_checkpoint("c3", "orders", true);
  auto refused = restore("c3", false, true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
  EXPECT_NE(refused.error().message.find("point the application at the read-write service orders-db-pitr-c3-2-rw"),
            std::string::npos)
      << refused.error().message;
  expect_unchanged(checkpoint);
}

TEST_F(CheckpointServiceTest, AnEngineThatCutsOverStartsTheRestoreWithTheCutoverRecorded) {
  stored_checkpoint("c4", "ledger");
  auto started = restore("c4", false, true);
  ASSERT_TRUE(started) << started.error().message;
  const auto after = store->get("c4");
  ASSERT_TRUE(after);
  ASSERT_TRUE(after->restore);
  EXPECT_TRUE(after->restore->cutover);
  ASSERT_EQ(local_engine->restores.size(), 1U);
  EXPECT_TRUE(local_engine->restores[0].cutover);
  EXPECT_EQ(after->state, CheckpointState::restored);
  EXPECT_TRUE(after->restore->cut_over);
}

TEST_F(CheckpointServiceTest, ADryRunGivesTheSameVerdictAsTheRealCall) {
  stored_checkpoint("c5", "ledger");
  ASSERT_TRUE(restore("c5", false, false));
  ASSERT_EQ(store->get("c5")->state, CheckpointState::restored);
  auto previewed = restore("c5", true, false);
  auto real = restore("c5", false, false);
  ASSERT_FALSE(previewed) << "a dry run of a restore the daemon would refuse shows no plan";
  ASSERT_FALSE(real);
  EXPECT_EQ(previewed.error().code, ErrorCode::conflict);
  EXPECT_EQ(previewed.error().message, real.error().message);
  EXPECT_EQ(previewed.error().message,
            "cannot restore a checkpoint in state 'restored' (allowed from: ready, migrating, watching, committed, "
            "closed, failed, restore_failed)");
  EXPECT_EQ(local_engine->restores.size(), 1U);
}

// The journal cannot grow (as on a full disk): the caller learns that the refusal is not
// recorded, and no id of a checkpoint that does not exist is handed out.
TEST_F(CheckpointServiceTest, ARefusalThatCannotBeRecordedSaysSo) {
  BeginRequest request;
  request.cluster = "ledger";
  request.migration_id = "2026_01_add_index";
  request.window = RollbackWindow{std::chrono::hours{24}, "alice", ""};
  const auto journal_size = std::filesystem::file_size(state.path() / "journal");
  rlimit original{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &original), 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit full = original;
  full.rlim_cur = journal_size;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &full), 0);
  auto outcome = run<std::variant<service::BeginOutcome, service::Refusal, Error>>(
      [&] { return service->begin(request); });
  setrlimit(RLIMIT_FSIZE, &original);
  std::signal(SIGXFSZ, previous_handler);

  const auto* refusal = std::get_if<service::Refusal>(&outcome);
  ASSERT_NE(refusal, nullptr);
  EXPECT_TRUE(refusal->checkpoint_id.empty());
  EXPECT_EQ(refusal->error.reason, "missing_approver");
  EXPECT_NE(refusal->error.message.find("this refusal could not be recorded"), std::string::npos)
      << refusal->error.message;
  EXPECT_TRUE(store->list(std::nullopt, std::nullopt).empty());
}

TEST_F(CheckpointServiceTest, AnUnknownIdIsEchoedBoundedIn404s) {
  const std::string id(5000, 'x');
  const std::string expected =
      "checkpoint '" + std::string(64, 'x') + "…(5000 bytes)' not found; `checkpointctl list` shows the known ones";
  const auto got = service->get(id);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  EXPECT_EQ(got.error().message, expected);
  const auto events = service->events(id);
  ASSERT_FALSE(events);
  EXPECT_EQ(events.error().message, expected);
  EXPECT_EQ(service->get("c9").error().message, "checkpoint 'c9' not found; `checkpointctl list` shows the known ones");
}

}  // namespace
}  // namespace ckpt::test
