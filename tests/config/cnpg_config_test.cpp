// The cnpg engine's configuration: the `kubernetes` section and `clusters[i].cnpg`, read
// key by key with their defaults, and every way they can be wrong with the exact message.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "config/config_loader.hpp"
#include "config/host_template.hpp"

namespace ckpt::config {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFullCnpgConfig = R"(
kubernetes:
  kubeconfig: /etc/checkpointd/kubeconfig
  context: staging
  insecure_skip_tls_verify: true
  request_timeout: 15s
clusters:
  - name: orders
    engine: cnpg
    auto_restore: false
    deadlines: {preflight: 10s, backup: 30m, archive_wait: 60s, restore: 30m}
    cnpg:
      namespace: payments
      cluster: orders-db
      backup_method: barmanObjectStore
      plugin_name: example.io/archiver
      barman_object_name: payments-store
      server_name: orders-db-v2
      recovery_target: time
      rw_host: "/run/services/{cluster}-rw.{namespace}"
      rw_port: 6432
      user: checkpointd
      database: app
      password_file: /etc/checkpointd/pgpass
      sslmode: require
      sslrootcert: /etc/checkpointd/db-ca.crt
      backup_phase_deadlines:
        pending: 5m
        wal_archiving_failing: 90s
)";

// Lines 1..5: a minimal cnpg cluster; tests append keys of its cnpg map from line 6 on.
constexpr const char* kCnpgCluster = R"(clusters:
  - name: orders
    engine: cnpg
    cnpg:
      namespace: payments
)";

constexpr const char* kCnpgKeys =
    "namespace, cluster, backup_method, plugin_name, barman_object_name, server_name, recovery_target, rw_host, "
    "rw_port, user, database, password_file, sslmode, sslrootcert, backup_phase_deadlines";

std::string errors_of(const std::string& yaml) {
  const auto result = parse_config(yaml, "config.yaml");
  if (result.ok()) return "<no error>";
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  return result.error().message;
}

// The minimal cluster with `cluster: orders-db` and the given extra lines in its cnpg map.
std::string cnpg_with(const std::string& extra) {
  return std::string(kCnpgCluster) + "      cluster: orders-db\n" + extra;
}

TEST(CnpgConfig, ReadsEveryKey) {
  const auto result = parse_config(kFullCnpgConfig, "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& config = *result;
  EXPECT_EQ(config.kubernetes.kubeconfig, "/etc/checkpointd/kubeconfig");
  EXPECT_EQ(config.kubernetes.context, "staging");
  EXPECT_TRUE(config.kubernetes.insecure_skip_tls_verify);
  EXPECT_EQ(config.kubernetes.request_timeout, 15s);

  ASSERT_EQ(config.clusters.size(), 1U);
  const Cluster& orders = config.clusters[0];
  EXPECT_EQ(orders.engine, "cnpg");
  EXPECT_FALSE(orders.local.has_value());
  ASSERT_TRUE(orders.cnpg.has_value());
  const CnpgCluster& cnpg = *orders.cnpg;
  EXPECT_EQ(cnpg.namespace_name, "payments");
  EXPECT_EQ(cnpg.cluster_name, "orders-db");
  EXPECT_EQ(cnpg.backup_method, "barmanObjectStore");
  EXPECT_EQ(cnpg.plugin_name, "example.io/archiver");
  EXPECT_EQ(cnpg.barman_object_name, "payments-store");
  EXPECT_EQ(cnpg.server_name, "orders-db-v2");
  EXPECT_EQ(cnpg.recovery_target, "time");
  EXPECT_EQ(cnpg.rw_host, "/run/services/{cluster}-rw.{namespace}");
  EXPECT_EQ(cnpg.rw_port, 6432);
  EXPECT_EQ(cnpg.user, "checkpointd");
  EXPECT_EQ(cnpg.database, "app");
  EXPECT_EQ(cnpg.password_file, "/etc/checkpointd/pgpass");
  EXPECT_EQ(cnpg.sslmode, "require");
  EXPECT_EQ(cnpg.sslrootcert, "/etc/checkpointd/db-ca.crt");
  EXPECT_EQ(cnpg.backup_phase_deadlines.pending, 5min);
  EXPECT_EQ(cnpg.backup_phase_deadlines.wal_archiving_failing, 90s);
}

TEST(CnpgConfig, KeysLeftOutKeepTheirDefaults) {
  const auto result = parse_config(cnpg_with(""), "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& config = *result;
  EXPECT_TRUE(config.kubernetes.kubeconfig.empty());
  EXPECT_TRUE(config.kubernetes.context.empty());
  EXPECT_FALSE(config.kubernetes.insecure_skip_tls_verify);
  EXPECT_EQ(config.kubernetes.request_timeout, 10s);
  const CnpgCluster& cnpg = *config.clusters[0].cnpg;
  EXPECT_EQ(cnpg.backup_method, "plugin");
  EXPECT_EQ(cnpg.plugin_name, "barman-cloud.cloudnative-pg.io");
  EXPECT_TRUE(cnpg.barman_object_name.empty());
  EXPECT_TRUE(cnpg.server_name.empty());
  EXPECT_EQ(cnpg.recovery_target, "lsn");
  EXPECT_EQ(cnpg.rw_host, "{cluster}-rw.{namespace}.svc");
  EXPECT_EQ(cnpg.rw_port, 5432);
  EXPECT_EQ(cnpg.user, "postgres");
  EXPECT_EQ(cnpg.database, "postgres");
  EXPECT_TRUE(cnpg.password_file.empty());
  EXPECT_EQ(cnpg.sslmode, "verify-full");
  EXPECT_TRUE(cnpg.sslrootcert.empty());
  EXPECT_EQ(cnpg.backup_phase_deadlines.pending, 10min);
  EXPECT_EQ(cnpg.backup_phase_deadlines.wal_archiving_failing, 2min);
}

TEST(CnpgConfig, EmptyKubeconfigAndContextMeanInClusterAndCurrentContext) {
  const auto result = parse_config("kubernetes:\n  kubeconfig: \"\"\n  context: \"\"\n" + cnpg_with(""), "config.yaml");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->kubernetes.kubeconfig.empty());
  EXPECT_TRUE(result->kubernetes.context.empty());
}

TEST(CnpgConfig, KubernetesKeysAreChecked) {
  EXPECT_EQ(errors_of("kubernetes:\n  kubeconfig: etc/kubeconfig\n  context: [a]\n  insecure_skip_tls_verify: yes\n"
                      "  request_timeout: 0s\n  token: x\n" +
                      cnpg_with("")),
            "config.yaml:2: 'kubernetes.kubeconfig' must be an absolute path (starting with '/') or \"\" for none, got "
            "'etc/kubeconfig'\n"
            "config.yaml:3: 'kubernetes.context' must be a string (\"\" for none), got a list\n"
            "config.yaml:4: 'kubernetes.insecure_skip_tls_verify' must be true or false, got 'yes'\n"
            "config.yaml:5: 'kubernetes.request_timeout' must be a duration longer than zero such as 30m or 90s, got "
            "'0s'\n"
            "config.yaml:6: unknown key 'kubernetes.token' (known keys: kubeconfig, context, insecure_skip_tls_verify, "
            "request_timeout)");
}

TEST(CnpgConfig, CnpgEngineNeedsACnpgSection) {
  EXPECT_EQ(errors_of("clusters:\n  - name: orders\n    engine: cnpg\n"),
            "config.yaml:2: 'clusters[0].cnpg' is required when 'clusters[0].engine' is cnpg");
}

TEST(CnpgConfig, EachEngineRefusesTheOtherEnginesSection) {
  EXPECT_EQ(errors_of(cnpg_with("    local:\n      data_directory: /srv/pg\n      archive_directory: /srv/a\n"
                                "      backup_directory: /srv/b\n      restore_directory: /srv/r\n")),
            "config.yaml:8: 'clusters[0].local' is not allowed when 'clusters[0].engine' is cnpg; remove it or set "
            "engine: local");
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
    cnpg:
      namespace: payments
      cluster: orders-db
)"),
            "config.yaml:9: 'clusters[0].cnpg' is not allowed when 'clusters[0].engine' is local; remove it or set "
            "engine: cnpg");
}

TEST(CnpgConfig, NamespaceAndClusterAreRequired) {
  EXPECT_EQ(errors_of("clusters:\n  - name: orders\n    engine: cnpg\n    cnpg:\n      rw_port: 5432\n"),
            "config.yaml:5: 'clusters[0].cnpg.namespace' is required\n"
            "config.yaml:5: 'clusters[0].cnpg.cluster' is required");
}

TEST(CnpgConfig, NamesMustBeKubernetesNames) {
  for (const std::string& name :
       std::vector<std::string>{"Orders", "-orders", "orders-", "orders_db", "orders.db", std::string(64, 'a')}) {
    EXPECT_EQ(errors_of(std::string(kCnpgCluster) + "      cluster: " + name + "\n"),
              "config.yaml:6: 'clusters[0].cnpg.cluster' must be a Kubernetes name of lowercase letters, digits and "
              "'-', starting and ending with a letter or digit, at most 63 characters, got '" +
                  name + "'");
  }
  EXPECT_EQ(errors_of("clusters:\n  - name: orders\n    engine: cnpg\n    cnpg:\n      namespace: Pay\n"
                      "      cluster: orders-db\n"),
            "config.yaml:5: 'clusters[0].cnpg.namespace' must be a Kubernetes name of lowercase letters, digits and "
            "'-', starting and ending with a letter or digit, at most 63 characters, got 'Pay'");
}

TEST(CnpgConfig, UnknownKeyNamesTheKnownKeys) {
  EXPECT_EQ(errors_of(cnpg_with("      rw_hots: db\n")),
            std::string("config.yaml:7: unknown key 'clusters[0].cnpg.rw_hots' (known keys: ") + kCnpgKeys + ")");
}

TEST(CnpgConfig, EnumsListTheirValues) {
  EXPECT_EQ(errors_of(cnpg_with("      backup_method: tape\n      recovery_target: xid\n      sslmode: on\n")),
            "config.yaml:7: 'clusters[0].cnpg.backup_method' must be one of: plugin, barmanObjectStore, "
            "volumeSnapshot, got 'tape'\n"
            "config.yaml:8: 'clusters[0].cnpg.recovery_target' must be one of: lsn, name, time, got 'xid'\n"
            "config.yaml:9: 'clusters[0].cnpg.sslmode' must be one of: disable, allow, prefer, require, verify-ca, "
            "verify-full, got 'on'");
}

TEST(CnpgConfig, TypesAndRangesAreChecked) {
  EXPECT_EQ(errors_of(cnpg_with("      rw_port: 0\n      user: \"\"\n      password_file: pgpass\n"
                                "      sslrootcert: [ca]\n      plugin_name: {a: b}\n")),
            "config.yaml:7: 'clusters[0].cnpg.rw_port' must be an integer from 1 to 65535, got '0'\n"
            "config.yaml:8: 'clusters[0].cnpg.user' must be a non-empty string, got ''\n"
            "config.yaml:9: 'clusters[0].cnpg.password_file' must be an absolute path (starting with '/'), got "
            "'pgpass'\n"
            "config.yaml:10: 'clusters[0].cnpg.sslrootcert' must be an absolute path (starting with '/'), got a list\n"
            "config.yaml:11: 'clusters[0].cnpg.plugin_name' must be a non-empty string, got a map");
}

TEST(CnpgConfig, RwHostAcceptsOnlyTheTwoPlaceholders) {
  EXPECT_EQ(errors_of(cnpg_with("      rw_host: \"{name}-rw.{namespace}\"\n")),
            "config.yaml:7: 'clusters[0].cnpg.rw_host' must be a host name, address or socket directory in which '{' "
            "and '}' appear only in the placeholders {cluster} and {namespace}, got '{name}-rw.{namespace}'");
  EXPECT_EQ(errors_of(cnpg_with("      rw_host: \"{cluster-rw\"\n")),
            "config.yaml:7: 'clusters[0].cnpg.rw_host' must be a host name, address or socket directory in which '{' "
            "and '}' appear only in the placeholders {cluster} and {namespace}, got '{cluster-rw'");
}

TEST(CnpgConfig, BackupPhaseDeadlinesAreChecked) {
  EXPECT_EQ(errors_of(cnpg_with("      backup_phase_deadlines:\n        pending: 0s\n        running: 5m\n"
                                "        wal_archiving_failing: soon\n")),
            "config.yaml:8: 'clusters[0].cnpg.backup_phase_deadlines.pending' must be a duration longer than zero "
            "such as 30m or 90s, got '0s'\n"
            "config.yaml:9: unknown key 'clusters[0].cnpg.backup_phase_deadlines.running' (known keys: pending, "
            "wal_archiving_failing)\n"
            "config.yaml:10: 'clusters[0].cnpg.backup_phase_deadlines.wal_archiving_failing' must be a duration such "
            "as 30m or 90s, got 'soon'");
}

TEST(HostTemplate, ReplacesBothPlaceholdersEverywhere) {
  EXPECT_EQ(expand_host_template("{cluster}-rw.{namespace}.svc", "orders-db", "payments"), "orders-db-rw.payments.svc");
  EXPECT_EQ(expand_host_template("/run/s/{cluster}-rw.{namespace}/{cluster}", "a", "b"), "/run/s/a-rw.b/a");
  EXPECT_EQ(expand_host_template("db.example.com", "a", "b"), "db.example.com");
}

TEST(HostTemplate, RejectsOtherBraces) {
  for (const char* text : {"{cluster", "cluster}", "{other}", "{{cluster}}", "{}"}) {
    EXPECT_FALSE(expand_host_template(text, "a", "b")) << text;
  }
}

}  // namespace
}  // namespace ckpt::config
