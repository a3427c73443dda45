// A valid configuration is read key by key; keys left out keep their documented
// defaults; a file on disk is read with its path as the message prefix.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "config/config_loader.hpp"

namespace ckpt::config {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFullConfig = R"(
listen:
  unix_socket: /run/ckpt/api.sock
  socket_mode: "0640"
  tcp:
    address: "::1"
    port: 9187
    token_file: /etc/checkpointd/token
    tls:
      cert_file: /etc/checkpointd/tls.crt
      key_file: /etc/checkpointd/tls.key
state_directory: /srv/checkpointd
log:
  level: debug
  format: json
limits:
  max_body_bytes: 131072
  shutdown_grace: 15s
  blocking_threads: 3
clusters:
  - name: app
    engine: local
    auto_restore: false
    deadlines: {preflight: 5s, backup: 45m, archive_wait: 2m, restore: 1h30m}
    local:
      data_directory: /var/lib/postgresql/15/main
      port: 5433
      host: 127.0.0.1
      user: checkpointd
      database: appdb
      password_file: /etc/checkpointd/pgpass
      bin_directory: /usr/lib/postgresql/16/bin
      archive_directory: /var/lib/checkpointd/archive/app
      backup_directory: /var/lib/checkpointd/backups/app
      restore_directory: /var/lib/checkpointd/restores/app
      backup_max_age: 6h
      restore_parallelism: 8
  - name: billing-2
    local:
      data_directory: /srv/pg/billing
      archive_directory: /srv/archive/billing
      backup_directory: /srv/backups/billing
      restore_directory: /srv/restores/billing
)";

constexpr const char* kMinimalConfig = R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)";

TEST(ConfigLoader, ReadsEveryKeyOfAFullConfig) {
  const auto result = parse_config(kFullConfig, "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& config = *result;

  EXPECT_EQ(config.listen.unix_socket, "/run/ckpt/api.sock");
  EXPECT_EQ(config.listen.socket_mode, 0640U);
  ASSERT_TRUE(config.listen.tcp.has_value());
  EXPECT_EQ(config.listen.tcp->address, "::1");
  EXPECT_EQ(config.listen.tcp->port, 9187);
  EXPECT_EQ(config.listen.tcp->token_file, "/etc/checkpointd/token");
  ASSERT_TRUE(config.listen.tcp->tls.has_value());
  EXPECT_EQ(config.listen.tcp->tls->cert_file, "/etc/checkpointd/tls.crt");
  EXPECT_EQ(config.listen.tcp->tls->key_file, "/etc/checkpointd/tls.key");
  EXPECT_EQ(config.state_directory, "/srv/checkpointd");
  EXPECT_EQ(config.log.level, "debug");
  EXPECT_EQ(config.log.format, "json");
  EXPECT_EQ(config.limits.max_body_bytes, 131072U);
  EXPECT_EQ(config.limits.shutdown_grace, 15s);
  EXPECT_EQ(config.limits.blocking_threads, 3U);

  ASSERT_EQ(config.clusters.size(), 2U);
  const Cluster& app = config.clusters[0];
  EXPECT_EQ(app.name, "app");
  EXPECT_EQ(app.engine, "local");
  EXPECT_FALSE(app.auto_restore);
  EXPECT_EQ(app.deadlines.preflight, 5s);
  EXPECT_EQ(app.deadlines.backup, 45min);
  EXPECT_EQ(app.deadlines.archive_wait, 2min);
  EXPECT_EQ(app.deadlines.restore, 90min);
  ASSERT_TRUE(app.local.has_value());
  EXPECT_EQ(app.local->data_directory, "/var/lib/postgresql/15/main");
  EXPECT_EQ(app.local->port, 5433);
  EXPECT_EQ(app.local->host, "127.0.0.1");
  EXPECT_EQ(app.local->user, "checkpointd");
  EXPECT_EQ(app.local->database, "appdb");
  EXPECT_EQ(app.local->password_file, "/etc/checkpointd/pgpass");
  EXPECT_EQ(app.local->bin_directory, "/usr/lib/postgresql/16/bin");
  EXPECT_EQ(app.local->archive_directory, "/var/lib/checkpointd/archive/app");
  EXPECT_EQ(app.local->backup_directory, "/var/lib/checkpointd/backups/app");
  EXPECT_EQ(app.local->restore_directory, "/var/lib/checkpointd/restores/app");
  EXPECT_EQ(app.local->backup_max_age, 6h);
  EXPECT_EQ(app.local->restore_parallelism, 8U);

  EXPECT_EQ(config.find_cluster("billing-2"), &config.clusters[1]);
  EXPECT_EQ(config.clusters[1].local->restore_directory, "/srv/restores/billing");
}

TEST(ConfigLoader, KeysLeftOutKeepTheirDefaults) {
  const auto result = parse_config(kMinimalConfig, "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& config = *result;

  EXPECT_EQ(config.listen.unix_socket, "/run/checkpointd/checkpointd.sock");
  EXPECT_EQ(config.listen.socket_mode, 0660U);
  EXPECT_FALSE(config.listen.tcp.has_value());
  EXPECT_EQ(config.state_directory, "/var/lib/checkpointd");
  EXPECT_EQ(config.log.level, "info");
  EXPECT_EQ(config.log.format, "text");
  EXPECT_EQ(config.limits.max_body_bytes, 1048576U);
  EXPECT_EQ(config.limits.shutdown_grace, 10s);
  EXPECT_EQ(config.limits.blocking_threads, 8U);

  ASSERT_EQ(config.clusters.size(), 1U);
  const Cluster& app = config.clusters[0];
  EXPECT_EQ(app.engine, "local");
  EXPECT_TRUE(app.auto_restore);
  EXPECT_EQ(app.deadlines.preflight, 10s);
  EXPECT_EQ(app.deadlines.backup, 30min);
  EXPECT_EQ(app.deadlines.archive_wait, 60s);
  EXPECT_EQ(app.deadlines.restore, 30min);
  ASSERT_TRUE(app.local.has_value());
  EXPECT_EQ(app.local->port, 5432);
  EXPECT_EQ(app.local->host, "/var/run/postgresql");
  EXPECT_EQ(app.local->user, "postgres");
  EXPECT_EQ(app.local->database, "postgres");
  EXPECT_TRUE(app.local->password_file.empty());
  EXPECT_EQ(app.local->bin_directory, "/usr/lib/postgresql/15/bin");
  EXPECT_EQ(app.local->backup_max_age, 0s);
  EXPECT_EQ(app.local->restore_parallelism, 4U);
}

TEST(ConfigLoader, TcpWithoutTlsLeavesTlsUnset) {
  const std::string yaml = std::string(kMinimalConfig) + R"(listen:
  tcp:
    port: 9187
    token_file: /etc/checkpointd/token
)";
  const auto result = parse_config(yaml, "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_TRUE(result->listen.tcp.has_value());
  EXPECT_EQ(result->listen.tcp->address, "127.0.0.1");
  EXPECT_FALSE(result->listen.tcp->tls.has_value());
}

TEST(ConfigLoader, TcpPortZeroAsksForAnyFreePort) {
  const auto result =
      parse_config(std::string(kMinimalConfig) + "listen: {tcp: {port: 0, token_file: /etc/t}}\n", "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->listen.tcp->port, 0);
}

TEST(ConfigLoader, SocketModeMayBeWrittenWithoutQuotes) {
  const auto result = parse_config(std::string(kMinimalConfig) + "listen: {socket_mode: 0600}\n", "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->listen.socket_mode, 0600U);
}

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("ckpt-config-test-" + std::to_string(::getpid()) +
                  "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = directory_ / name;
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path directory_;
};

TEST_F(ConfigFile, LoadsAFileFromDisk) {
  const auto result = load_config_file(write("checkpointd.yaml", kFullConfig));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->clusters.size(), 2U);
}

TEST_F(ConfigFile, PrefixesMessagesWithThePath) {
  const auto path = write("checkpointd.yaml", "clusters: []\n");
  const auto result = load_config_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(result.error().message, path.string() + ":1: 'clusters' must list at least one cluster");
}

TEST_F(ConfigFile, MissingFileIsAnError) {
  const auto path = directory_ / "absent.yaml";
  const auto result = load_config_file(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "cannot read config file '" + path.string() + "': No such file or directory");
}

TEST_F(ConfigFile, DirectoryIsAnError) {
  const auto result = load_config_file(directory_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            "config file '" + directory_.string() + "' is a directory; give the path of the YAML file");
}

}  // namespace
}  // namespace ckpt::config
