// take_backup against the Kubernetes API test server, the test playing the operator:
// the Backup is created once and followed to completed; an own Backup is adopted, a
// foreign one refused; stuck and failed Backups end with CNPG's words; API faults and
// dropped watches still end in exactly one Backup.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cnpg/backup_manifest.hpp"
#include "cnpg_engine_fixture.hpp"
#include "core/refusal_reason.hpp"
#include "engine/cnpg/owned_object.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class CnpgBackupTest : public CnpgApiTest {
 protected:
  void SetUp() override {
    CnpgApiTest::SetUp();
    if (HasFatalFailure()) return;
    create_source_cluster(healthy_cluster_status());
  }

  // Calls `react(name)` on the feed thread for every Backup created from now on, and counts creations.
  kubeapi::ChangeFeed::Subscription operate(std::function<void(const std::string&)> react) {
    return server->on_change([this, react = std::move(react)](const kubeapi::ChangeEvent& event) {
      if (event.type != kubeapi::EventType::added || event.resource->plural != "backups") return;
      ++backups_created;
      react(event.name());
    });
  }

  void complete(const std::string& name) {
    set_status(kBackupsResource, name, {{"phase", "running"}});
    set_status(kBackupsResource, name,
               completed_backup_status("0/2000028", "0/2000100", std::chrono::system_clock::now()));
  }

  std::atomic<int> backups_created{0};
};

TEST_F(CnpgBackupTest, CreatesTheBackupAndFollowsItToCompleted) {
  auto subscription = operate([this](const std::string& name) { complete(name); });
  auto backup = run(make_engine()->take_backup(checkpoint_named("c1"), {}));
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_EQ(backup->backup_id, "20260115T103001");
  EXPECT_EQ(backup->name, "orders-db-ckpt-c1");
  EXPECT_EQ(format_lsn(backup->begin_lsn), "0/2000028");
  EXPECT_EQ(format_lsn(backup->end_lsn), "0/2000100");
  EXPECT_EQ(backup->timeline, 1U);
  EXPECT_EQ(backups_created, 1);
  const auto object = stored(kBackupsResource, "orders-db-ckpt-c1");
  ASSERT_TRUE(object);
  EXPECT_EQ(object->at("spec").at("cluster").at("name"), "orders-db");
  EXPECT_EQ(object->at("metadata").at("labels").at("checkpointd.io/checkpoint-id"), "c1");
}

TEST_F(CnpgBackupTest, ARestartedDaemonResumesTheSameBackup) {
  auto subscription = operate([this](const std::string& name) {
    set_status(kBackupsResource, name, {{"phase", "running"}});
  });
  cluster.deadlines.backup = 500ms;
  auto first = run(make_engine()->take_backup(checkpoint_named("c2"), {}));
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(first.error().message,
            "Backup develop/orders-db-ckpt-c2 did not complete within the backup deadline of 500ms "
            "(deadlines.backup); last phase 'running'");

  cluster.deadlines.backup = 10s;
  std::thread operator_thread([this] {
    std::this_thread::sleep_for(300ms);
    complete("orders-db-ckpt-c2");
  });
  auto second = run(make_engine()->take_backup(checkpoint_named("c2"), {}));
  operator_thread.join();
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->name, "orders-db-ckpt-c2");
  EXPECT_EQ(backups_created, 1) << "the restarted engine must find the Backup, not create a second one";
}

TEST_F(CnpgBackupTest, AdoptsItsOwnCompletedBackup) {
  auto manifest = ckpt::cnpg::render_backup(*cluster.cnpg, checkpoint_named("c3"));
  ASSERT_TRUE(server->store().create(manifest));
  complete("orders-db-ckpt-c3");
  auto subscription = operate([](const std::string&) {});
  auto backup = run(make_engine()->take_backup(checkpoint_named("c3"), {}));
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_EQ(backup->name, "orders-db-ckpt-c3");
  EXPECT_EQ(backups_created, 0);
}

TEST_F(CnpgBackupTest, RefusesAForeignBackupWithTheSameNameAndLeavesItAlone) {
  boost::json::object foreign{{"apiVersion", "postgresql.cnpg.io/v1"},
                              {"kind", "Backup"},
                              {"metadata", {{"name", "orders-db-ckpt-c4"}, {"namespace", kNamespace}}},
                              {"spec",
                               {{"cluster", {{"name", "orders-db"}}},
                                {"method", "plugin"},
                                {"pluginConfiguration", {{"name", "barman-cloud.cloudnative-pg.io"}}}}}};
  auto created = server->store().create(foreign);
  ASSERT_TRUE(created) << created.error().message;
  const auto version = created->at("metadata").at("resourceVersion");
  auto backup = run(make_engine()->take_backup(checkpoint_named("c4"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::conflict);
  EXPECT_EQ(backup.error().message,
            "Backup develop/orders-db-ckpt-c4 already exists and was not created by checkpointd for checkpoint c4 "
            "(its labels checkpointd.io/managed-by and checkpointd.io/checkpoint-id do not say so): checkpointd "
            "never modifies or deletes an object it does not own; rename or remove that object, then retry");
  EXPECT_EQ(stored(kBackupsResource, "orders-db-ckpt-c4")->at("metadata").at("resourceVersion"), version);
}

TEST_F(CnpgBackupTest, CreateOrAdoptAdoptsOnlyItsOwnObjectOnAConflict) {
  const auto ref = kube::ResourceRef{"postgresql.cnpg.io", "v1", "backups", kNamespace, "orders-db-ckpt-c5"};
  auto manifest = ckpt::cnpg::render_backup(*cluster.cnpg, checkpoint_named("c5"));
  ASSERT_TRUE(server->store().create(manifest));
  const auto deadline = Clock::now() + 10s;
  auto adopted = run(engine::cnpg::create_or_adopt(*client, ref, manifest, "c5", "Backup", deadline));
  ASSERT_TRUE(adopted) << adopted.error().message;
  EXPECT_FALSE(adopted->created);
  auto refused = run(engine::cnpg::create_or_adopt(*client, ref, manifest, "another", "Backup", deadline));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(count(kBackupsResource), 1U);
}

TEST_F(CnpgBackupTest, PendingTooLongFailsNamingThePhase) {
  cluster.cnpg->backup_phase_deadlines.pending = 300ms;
  auto subscription = operate([this](const std::string& name) {
    boost::json::object status{{"phase", "pending"},
                               {"error",
                                "A backup is already in progress or waiting to be "
                                "started, retrying"}};
    set_status(kBackupsResource, name, status);
  });
  const auto started = Clock::now();
  auto backup = run(make_engine()->take_backup(checkpoint_named("c6"), {}));
  ASSERT_FALSE(backup);
  EXPECT_LT(Clock::now() - started, 3s);
  EXPECT_EQ(backup.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(backup.error().reason, "backup_failed");
  EXPECT_NE(backup.error().message.find("Backup develop/orders-db-ckpt-c6 stayed pending for more than 300ms "
                                        "(cnpg.backup_phase_deadlines.pending): A backup is already in progress"),
            std::string::npos)
      << backup.error().message;
}

TEST_F(CnpgBackupTest, WalArchivingFailingFailsWithCnpgsMessage) {
  cluster.cnpg->backup_phase_deadlines.wal_archiving_failing = 300ms;
  auto subscription = operate([this](const std::string& name) {
    boost::json::object status{{"phase", "walArchivingFailing"},
                               {"error", "unexpected failure invoking barman-cloud-wal-archive: exit status 4"}};
    set_status(kBackupsResource, name, status);
  });
  auto backup = run(make_engine()->take_backup(checkpoint_named("c7"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::refused);
  EXPECT_EQ(backup.error().reason, "wal_archive_failing");
  EXPECT_NE(backup.error().message.find("stayed in phase walArchivingFailing for more than 300ms"), std::string::npos)
      << backup.error().message;
  EXPECT_NE(backup.error().message.find("barman-cloud-wal-archive: exit status 4"), std::string::npos);
}

TEST_F(CnpgBackupTest, AFailedBackupFailsWithItsError) {
  auto subscription = operate([this](const std::string& name) {
    set_status(kBackupsResource, name, {{"phase", "running"}});
    set_status(kBackupsResource, name, {{"phase", "failed"}, {"error", "can't execute backup: no space left"}});
  });
  auto backup = run(make_engine()->take_backup(checkpoint_named("c8"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::failed);
  EXPECT_EQ(backup.error().message, "Backup develop/orders-db-ckpt-c8 failed: can't execute backup: no space left");
}

TEST_F(CnpgBackupTest, ServerErrorsAndDroppedWatchesStillGiveOneBackup) {
  const std::string backups_path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 2, "GET", backups_path}));
  ASSERT_TRUE(server->faults().fail_next({500, 1, "POST", backups_path}));
  ASSERT_TRUE(server->faults().fail_next({429, 1, "POST", backups_path}));
  server->faults().drop_watches_after(0, 2);
  auto subscription = operate([](const std::string&) {});
  std::thread operator_thread([this] {
    const auto deadline = Clock::now() + 10s;
    while (!stored(kBackupsResource, "orders-db-ckpt-c9") && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(200ms);
    complete("orders-db-ckpt-c9");
  });
  auto backup = run(make_engine()->take_backup(checkpoint_named("c9"), {}));
  operator_thread.join();
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_EQ(backups_created, 1);
  EXPECT_EQ(count(kBackupsResource), 1U);
}

// Creates of the Backup as the API server saw them: method POST on the backups collection.
std::vector<kubeapi::SeenRequest> backup_creates(const kubeapi::Faults& faults) {
  std::vector<kubeapi::SeenRequest> creates;
  for (auto& request : faults.requests()) {
    if (request.method == "POST" && request.path == "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups") {
      creates.push_back(std::move(request));
    }
  }
  return creates;
}

kube::KubeClientOptions backoff_of_100ms() {
  kube::KubeClientOptions options;
  options.base_backoff = 100ms;
  options.max_backoff = 2s;
  options.request_timeout = 5s;
  options.call_timeout = 15s;
  return options;
}

constexpr const char* kInjected500 =
    "injected fault: an error on the server (\"internal error\") has prevented the request from succeeding";

TEST_F(CnpgBackupTest, CreatesFailingWith500AreMadeAgainAfterGrowingWaitsUntilOneGoesThrough) {
  const std::string backups_path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 3, "POST", backups_path}));
  auto subscription = operate([this](const std::string& name) { complete(name); });
  auto kube = make_client("cnpg-engine-writer-41ac", backoff_of_100ms());
  auto backup = run(make_engine(*kube)->take_backup(checkpoint_named("c11"), {}));
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_EQ(backup->name, "orders-db-ckpt-c11");
  EXPECT_EQ(backups_created, 1);
  EXPECT_EQ(count(kBackupsResource), 1U);

  const auto creates = backup_creates(server->faults());
  ASSERT_EQ(creates.size(), 4U);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(creates[i].failed_with, 500) << i;
  EXPECT_EQ(creates[3].failed_with, 0);
  // Equal jitter on 100 ms: the n-th wait lies in [50 ms * 2^(n-1), 100 ms * 2^(n-1)].
  using std::chrono::milliseconds;
  const auto gap = [&](std::size_t i) {
    return std::chrono::duration_cast<milliseconds>(creates[i + 1].at - creates[i].at);
  };
  EXPECT_GE(gap(0), milliseconds{50});
  EXPECT_GE(gap(1), milliseconds{100});
  EXPECT_GE(gap(2), milliseconds{200});
  EXPECT_GT(gap(2), gap(0)) << "the spacing grows";
  EXPECT_GT(gap(2) + gap(1), 2 * gap(0));
}

TEST_F(CnpgBackupTest, PersistentServerErrorsRefuseWithADocumentedReasonAndTheApisMessageAfterBackingOff) {
  const std::string backups_path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 1000, "POST", backups_path}));
  auto kube = make_client("cnpg-engine-writer-41ac", backoff_of_100ms());
  const auto started = Clock::now();
  auto backup = run(make_engine(*kube)->take_backup(checkpoint_named("c12"), {}));
  const auto took = Clock::now() - started;
  server->faults().clear();
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().reason, "cluster_unreachable") << backup.error().message;
  EXPECT_TRUE(is_refusal_reason(backup.error().reason));
  EXPECT_NE(backup.error().message.find(kInjected500), std::string::npos) << backup.error().message;
  EXPECT_NE(backup.error().message.find("Backup develop/orders-db-ckpt-c12 could not be created: "), std::string::npos)
      << backup.error().message;
  EXPECT_NE(backup.error().message.find("6 creates made"), std::string::npos) << backup.error().message;
  EXPECT_EQ(backup_creates(server->faults()).size(), static_cast<std::size_t>(engine::cnpg::kMaxCreates));
  // Five waits of at least 50, 100, 200, 400 and 800 ms came first.
  EXPECT_GE(took, 1550ms);
  EXPECT_EQ(count(kBackupsResource), 0U);
}

TEST_F(CnpgBackupTest, ReCreatesStopAtTheBackupDeadline) {
  const std::string backups_path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups";
  ASSERT_TRUE(server->faults().fail_next({500, 1000, "POST", backups_path}));
  cluster.deadlines.backup = 1s;
  auto kube = make_client("cnpg-engine-writer-41ac", backoff_of_100ms());
  const auto started = Clock::now();
  auto backup = run(make_engine(*kube)->take_backup(checkpoint_named("c13"), {}));
  const auto took = Clock::now() - started;
  server->faults().clear();
  ASSERT_FALSE(backup);
  EXPECT_LT(took, 1500ms);
  EXPECT_GE(took, 350ms) << "at least the waits of 50, 100 and 200 ms that fit";
  EXPECT_EQ(backup.error().reason, "cluster_unreachable");
  EXPECT_NE(backup.error().message.find(kInjected500), std::string::npos) << backup.error().message;
  EXPECT_NE(backup.error().message.find("would pass the phase's deadline"), std::string::npos)
      << backup.error().message;
}

TEST_F(CnpgBackupTest, ACallerWithoutCreateIsToldTheMissingVerb) {
  auto reader = make_client("cnpg-engine-reader-9d02");
  auto backup = run(make_engine(*reader)->take_backup(checkpoint_named("c10"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::unauthorized);
  EXPECT_NE(backup.error().message.find("verb \"create\" on backups.postgresql.cnpg.io"), std::string::npos)
      << backup.error().message;
  EXPECT_EQ(backup.error().reason, "cluster_unreachable") << "never the API's Status reason (Forbidden)";
  EXPECT_EQ(count(kBackupsResource), 0U);
}

}  // namespace
}  // namespace ckpt::test
