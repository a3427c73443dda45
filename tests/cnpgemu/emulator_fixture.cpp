#include "cnpgemu/emulator_fixture.hpp"

#include <boost/json/serialize.hpp>
#include <thread>

#include "kubeapi/server/json_fields.hpp"
#include "pg/session.hpp"

namespace ckpt::cnpgemu::testing {

void EmulatorTest::SetUp() {
  std::string why;
  if (with_source() && !test::PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  auto started = kubeapi::KubeApiServer::start({});
  ASSERT_TRUE(started) << started.error().message;
  server = std::move(started.value());
  work_ = std::make_unique<test::TempDir>("ckpt-emu");
  services_ = std::make_unique<test::TempDir>("ckpt-svc");
  emulator = std::make_unique<OperatorEmulator>(*server, EmulatorOptions{work_->path(), services_->path(), 50ms});
  if (!with_source()) {
    // The ObjectStore a source would have brought, named by recovery_cluster_manifest().
    create({{"apiVersion", "barmancloud.cnpg.io/v1"},
            {"kind", "ObjectStore"},
            {"metadata", {{"name", "store"}, {"namespace", kNamespace}}},
            {"spec", {{"configuration", {{"destinationPath", "s3://emulated/store/"}}}}}});
    return;
  }
  source = std::make_unique<test::PostgresInstance>();
  SourceClusterSpec spec;
  spec.name = kSource;
  spec.archiver = archiver();
  spec.data_directory = source->data_directory();
  spec.socket_directory = source->socket_directory();
  spec.archive_directory = source->archive_directory();
  spec.bin_directory = source->bin_directory();
  spec.port = source->port();
  spec.user = source->user();
  const auto added = emulator->add_source_cluster(spec);
  ASSERT_TRUE(added) << added.error().message;
}

void EmulatorTest::TearDown() {
  emulator.reset();  // stops the servers it started before their directories go
  source.reset();
  server.reset();
}

boost::json::object EmulatorTest::create(boost::json::object manifest) {
  auto created = server->store().create(std::move(manifest));
  EXPECT_TRUE(created) << created.error().message;
  return created ? created.value() : boost::json::object{};
}

boost::json::object EmulatorTest::get(const std::string& resource, const std::string& name) const {
  auto object = server->store().get({resource, kNamespace, name});
  EXPECT_TRUE(object) << object.error().message;
  return object ? object.value() : boost::json::object{};
}

boost::json::object EmulatorTest::wait_for(const std::string& resource, const std::string& name,
                                           const std::function<bool(const boost::json::object&)>& done,
                                           std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto object = server->store().get({resource, kNamespace, name});
    if (object && done(*object)) return *object;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << resource << " " << name << " did not reach the expected state within " << timeout.count()
                    << " ms; last seen: " << (object ? boost::json::serialize(*object) : object.error().message);
      return object ? *object : boost::json::object{};
    }
    std::this_thread::sleep_for(20ms);
  }
}

boost::json::object EmulatorTest::wait_for_phase(const std::string& resource, const std::string& name,
                                                 const std::string& phase, std::chrono::milliseconds timeout) const {
  auto found = wait_for(
      resource, name, [&](const boost::json::object& object) { return text_at(object, "status", "phase") == phase; },
      timeout);
  // In-process subscribers (PhaseRecorder) have seen every change up to the one found.
  server->store().flush_changes();
  return found;
}

boost::json::object EmulatorTest::completed_backup(const std::string& name) {
  create(backup_manifest(name));
  return wait_for_phase(kBackups, name, "completed");
}

pg::RecordedRestorePoint EmulatorTest::archived_restore_point(const std::string& name) {
  pg::ConnParams params;
  params.host = source->socket_directory().string();
  params.port = source->port();
  params.user = source->user();
  params.dbname = "postgres";
  auto session = pg::open_session(params);
  EXPECT_TRUE(session) << session.error().message;
  if (!session) return {};
  auto point = pg::create_restore_point(**session, name);
  EXPECT_TRUE(point) << point.error().message;
  if (!point) return {};
  const auto finished = pg::finish_segment(**session, point->restore_point_lsn, point->wal_segment_size);
  EXPECT_TRUE(finished) << finished.error().message;
  const auto wal = wal_file_name_for(point->timeline, point->restore_point_lsn, point->wal_segment_size);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (source->query_value("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver") < wal) {
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << wal << " was not archived within 10 s";
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  return *point;
}

PhaseRecorder::PhaseRecorder(kubeapi::KubeApiServer& server, std::string resource) {
  subscription_ = server.on_change([this, resource = std::move(resource)](const kubeapi::ChangeEvent& change) {
    if (change.resource->qualified_name() != resource) return;
    const auto phase = text_at(change.object, "status", "phase");
    const auto before = change.previous ? text_at(*change.previous, "status", "phase") : std::string{};
    if (phase.empty() || phase == before) return;
    std::lock_guard lock{mutex_};
    changes_.emplace_back(change.name(), phase);
  });
}

std::vector<std::string> PhaseRecorder::phases_of(const std::string& name) const {
  std::vector<std::string> phases;
  for (const auto& [object, phase] : changes()) {
    if (object == name) phases.push_back(phase);
  }
  return phases;
}

std::vector<std::pair<std::string, std::string>> PhaseRecorder::changes() const {
  std::lock_guard lock{mutex_};
  return changes_;
}

boost::json::object backup_manifest(const std::string& name, const std::string& cluster, const std::string& method) {
  boost::json::object spec{{"cluster", {{"name", cluster}}}, {"method", method}};
  if (method == "plugin") spec["pluginConfiguration"] = {{"name", "barman-cloud.cloudnative-pg.io"}};
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Backup"},
          {"metadata", {{"name", name}, {"namespace", kNamespace}}},
          {"spec", std::move(spec)}};
}

boost::json::object recovery_cluster_manifest(const std::string& name, boost::json::object recovery_target,
                                              const std::string& archive_server_name) {
  boost::json::object spec{
      {"instances", 1},
      {"storage", {{"size", "1Gi"}}},
      {"bootstrap", {{"recovery", {{"source", "origin"}, {"recoveryTarget", std::move(recovery_target)}}}}},
      {"externalClusters", boost::json::array{boost::json::object{
                               {"name", "origin"},
                               {"plugin",
                                {{"name", "barman-cloud.cloudnative-pg.io"},
                                 {"parameters", {{"barmanObjectName", "store"}, {"serverName", kSource}}}}}}}}};
  if (!archive_server_name.empty()) {
    spec["plugins"] = boost::json::array{
        boost::json::object{{"name", "barman-cloud.cloudnative-pg.io"},
                            {"isWALArchiver", true},
                            {"parameters", {{"barmanObjectName", "store"}, {"serverName", archive_server_name}}}}};
  }
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", name}, {"namespace", kNamespace}}},
          {"spec", std::move(spec)}};
}

std::string text_at(const boost::json::object& object, std::string_view section, std::string_view key) {
  const auto* part = kubeapi::object_field(object, section);
  return part == nullptr ? std::string{} : kubeapi::string_field(*part, key);
}

boost::json::object condition_of(const boost::json::object& object, std::string_view type) {
  const auto* status = kubeapi::object_field(object, "status");
  const auto* conditions = status == nullptr ? nullptr : status->if_contains("conditions");
  if (conditions == nullptr || !conditions->is_array()) return {};
  for (const auto& condition : conditions->as_array()) {
    if (condition.is_object() && kubeapi::string_field(condition.as_object(), "type") == type) {
      return condition.as_object();
    }
  }
  return {};
}

}  // namespace ckpt::cnpgemu::testing
