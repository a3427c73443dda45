// Test support for the CNPG operator emulation: a fixture with a Kubernetes API test
// server, a real source PostgreSQL (test::PostgresInstance) added as source cluster
// `orders` in namespace `develop` (ObjectStore `store`), and an OperatorEmulator with a
// short poll; plus manifests and waits on object status. Tests that need PostgreSQL skip
// as root (PostgreSQL refuses to run as root).
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cnpgemu/operator_emulator.hpp"
#include "core/lsn.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "pg/restore_point.hpp"
#include "support/postgres_instance.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::cnpgemu::testing {

using namespace std::chrono_literals;

inline constexpr const char* kBackups = "backups.postgresql.cnpg.io";
inline constexpr const char* kClusters = "clusters.postgresql.cnpg.io";
inline constexpr const char* kNamespace = "develop";
inline constexpr const char* kSource = "orders";
inline constexpr const char* kHealthy = "Cluster in healthy state";
inline constexpr const char* kUnrecoverable = "Cluster is unrecoverable and needs manual intervention";
inline constexpr const char* kSettingUp = "Setting up primary";

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Whether the test needs the source PostgreSQL (and so cannot run as root).
  virtual bool with_source() const { return true; }
  virtual WalArchiver archiver() const { return WalArchiver::plugin; }

  boost::json::object create(boost::json::object manifest);
  boost::json::object get(const std::string& resource, const std::string& name) const;
  // Polls the object until `done` holds; fails the test (showing the object) after `timeout`.
  boost::json::object wait_for(const std::string& resource, const std::string& name,
                               const std::function<bool(const boost::json::object&)>& done,
                               std::chrono::milliseconds timeout = 30s) const;
  boost::json::object wait_for_phase(const std::string& resource, const std::string& name, const std::string& phase,
                                     std::chrono::milliseconds timeout = 30s) const;
  // Creates a plugin Backup of the source and waits for it to complete.
  boost::json::object completed_backup(const std::string& name);
  // Records a restore point on the source and waits until the WAL holding it is archived.
  pg::RecordedRestorePoint archived_restore_point(const std::string& name);

  std::filesystem::path work_directory() const { return work_->path(); }

  std::unique_ptr<kubeapi::KubeApiServer> server;
  std::unique_ptr<test::PostgresInstance> source;
  std::unique_ptr<OperatorEmulator> emulator;

 private:
  std::unique_ptr<test::TempDir> work_;
  std::unique_ptr<test::TempDir> services_;
};

// The same without a source cluster (only the ObjectStore `store`): for what needs no
// PostgreSQL (runs as root too).
class EmulatorWithoutSourceTest : public EmulatorTest {
 protected:
  bool with_source() const override { return false; }
};

// Records every status phase a kind of object goes through, in commit order.
class PhaseRecorder {
 public:
  PhaseRecorder(kubeapi::KubeApiServer& server, std::string resource);
  // The phases `name` went through, each change once.
  std::vector<std::string> phases_of(const std::string& name) const;
  // (name, phase) of every phase change, in order.
  std::vector<std::pair<std::string, std::string>> changes() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> changes_;
  kubeapi::ChangeFeed::Subscription subscription_;
};

boost::json::object backup_manifest(const std::string& name, const std::string& cluster = kSource,
                                    const std::string& method = "plugin");
// A recovery Cluster restoring from the source's archive through the plugin
// (externalClusters `origin`), archiving into `archive_server_name` when not empty.
boost::json::object recovery_cluster_manifest(const std::string& name, boost::json::object recovery_target,
                                              const std::string& archive_server_name);

std::string text_at(const boost::json::object& object, std::string_view section, std::string_view key);
// status.conditions[type == `type`], or an empty object.
boost::json::object condition_of(const boost::json::object& object, std::string_view type);

}  // namespace ckpt::cnpgemu::testing
