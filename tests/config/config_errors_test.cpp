// Every way a configuration can be wrong, with the exact message a person reads:
// "<source>:<line>: <message>" naming the full key path, one line per problem, all
// problems of a file reported together.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config_loader.hpp"

namespace ckpt::config {
namespace {

// Line 1..7: a valid cluster; tests append their own lines from line 8 on.
constexpr const char* kCluster = R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)";

constexpr const char* kLocalKeys =
    "data_directory, port, host, user, database, password_file, bin_directory, archive_directory, "
    "backup_directory, restore_directory, backup_max_age, restore_parallelism, prewarmed_restore";

std::string errors_of(const std::string& yaml) {
  const auto result = parse_config(yaml, "config.yaml");
  if (result.ok()) return "<no error>";
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  return result.error().message;
}

std::string with_cluster(const std::string& extra) { return std::string(kCluster) + extra; }

TEST(ConfigErrors, UnknownKeyNamesItsFullPathAndTheKnownKeys) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      prot: 5432
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
            std::string("config.yaml:5: unknown key 'clusters[0].local.prot' (known keys: ") + kLocalKeys + ")");
}

TEST(ConfigErrors, UnknownTopLevelKey) {
  EXPECT_EQ(errors_of(with_cluster("logging: {level: info}\n")),
            "config.yaml:8: unknown key 'logging' (known keys: listen, state_directory, log, limits, kubernetes, "
            "clusters, prometheus, flag_backends)");
}

// Found by fuzz/config_fuzzer: a key holding a line break split one problem over two lines.
TEST(ConfigErrors, ControlCharactersFromTheFileAreEscapedSoEachProblemIsOneLine) {
  EXPECT_EQ(errors_of(with_cluster("\"log\\ngin\\r\": 1\nstate_directory: \"rel\\u001b[31m\"\n")),
            "config.yaml:8: unknown key 'log\\ngin\\r' (known keys: listen, state_directory, log, limits, kubernetes, "
            "clusters, prometheus, flag_backends)\n"
            "config.yaml:9: 'state_directory' must be an absolute path (starting with '/'), got 'rel\\x1b[31m'");
}

TEST(ConfigErrors, ADrillScheduleNamesTheCronProblem) {
  EXPECT_EQ(errors_of(with_cluster("    drill: {schedule: \"0 25 * * *\"}\n")),
            "config.yaml:8: 'clusters[0].drill.schedule': cron hour field '25' at column 3: '25' is outside 0-23");
  EXPECT_EQ(errors_of(with_cluster("    drill: {keep: true}\n")),
            "config.yaml:8: 'clusters[0].drill.schedule' is required");
}

TEST(ConfigErrors, DuplicateKey) {
  EXPECT_EQ(errors_of(with_cluster("state_directory: /srv/a\nstate_directory: /srv/b\n")),
            "config.yaml:9: duplicate key 'state_directory' (first given at line 8)");
}

TEST(ConfigErrors, PortMustBeAnIntegerInRange) {
  const std::string expected_prefix = "config.yaml:5: 'clusters[0].local.port' must be an integer from 1 to 65535, got ";
  for (const std::string value : {"abc", "0", "65536", "-1", "54.3", "5432x"}) {
    EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      port: )" + value + R"(
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
              expected_prefix + "'" + value + "'");
  }
}

TEST(ConfigErrors, DurationMustParse) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    deadlines:
      backup: x
      restore: [30m]
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
            "config.yaml:4: 'clusters[0].deadlines.backup' must be a duration such as 30m or 90s, got 'x'\n"
            "config.yaml:5: 'clusters[0].deadlines.restore' must be a duration such as 30m or 90s, got a list");
}

TEST(ConfigErrors, DeadlinesMustBeLongerThanZero) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    deadlines: {archive_wait: 0s}
)"),
            "config.yaml:3: 'clusters[0].deadlines.archive_wait' must be a duration longer than zero such as 30m "
            "or 90s, got '0s'\n"
            "config.yaml:2: 'clusters[0].local' is required when 'clusters[0].engine' is local");
}

TEST(ConfigErrors, SocketModeMustBeOctal) {
  for (const std::string value : {"\"0999\"", "\"rw\"", "\"01777\"", "\"1777\"", "\"66\""}) {
    const std::string scalar = value.substr(1, value.size() - 2);
    EXPECT_EQ(errors_of(with_cluster("listen:\n  socket_mode: " + value + "\n")),
              "config.yaml:9: 'listen.socket_mode' must be an octal file mode such as \"0660\", got '" + scalar + "'");
  }
}

TEST(ConfigErrors, RequiredLocalDirectoriesAreNamed) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      port: 5432
)"),
            "config.yaml:4: 'clusters[0].local.data_directory' is required\n"
            "config.yaml:4: 'clusters[0].local.archive_directory' is required\n"
            "config.yaml:4: 'clusters[0].local.backup_directory' is required\n"
            "config.yaml:4: 'clusters[0].local.restore_directory' is required");
}

TEST(ConfigErrors, ClustersAreRequired) {
  EXPECT_EQ(errors_of("state_directory: /srv/checkpointd\n"), "config.yaml:1: 'clusters' is required");
}

TEST(ConfigErrors, ClustersMustBeANonEmptyList) {
  EXPECT_EQ(errors_of("clusters: []\n"), "config.yaml:1: 'clusters' must list at least one cluster");
  EXPECT_EQ(errors_of("clusters:\n  app: {}\n"), "config.yaml:2: 'clusters' must be a list of clusters, got a map");
  EXPECT_EQ(errors_of("clusters:\n"), "config.yaml:1: 'clusters' must be a list of clusters, got an empty value");
}

TEST(ConfigErrors, ClusterNameIsRequired) {
  EXPECT_EQ(errors_of(R"(clusters:
  - engine: local
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
            "config.yaml:2: 'clusters[0].name' is required");
}

TEST(ConfigErrors, ClusterNameMustBeValid) {
  for (const std::string& name : std::vector<std::string>{"App", "1app", "app-", "app_db", std::string(41, 'a')}) {
    EXPECT_EQ(errors_of(R"(clusters:
  - name: )" + name + R"(
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
              "config.yaml:2: 'clusters[0].name' must be a cluster name of lowercase letters, digits and '-', "
              "starting with a letter, not ending with '-', at most 40 characters, got '" + name + "'");
  }
}

TEST(ConfigErrors, DuplicateClusterNames) {
  EXPECT_EQ(errors_of(with_cluster(R"(  - name: app
    local:
      data_directory: /srv/pg2
      archive_directory: /srv/archive2
      backup_directory: /srv/backups2
      restore_directory: /srv/restores2
)")),
            "config.yaml:8: 'clusters[1].name' repeats the name 'app' of 'clusters[0]'; cluster names must be unique");
}

TEST(ConfigErrors, EngineMustBeKnown) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    engine: k8s
)"),
            "config.yaml:3: 'clusters[0].engine' must be one of: local, cnpg, got 'k8s'");
}

TEST(ConfigErrors, LocalEngineNeedsALocalSection) {
  EXPECT_EQ(errors_of("clusters:\n  - name: app\n    engine: local\n"),
            "config.yaml:2: 'clusters[0].local' is required when 'clusters[0].engine' is local");
}

TEST(ConfigErrors, PathsMustBeAbsolute) {
  EXPECT_EQ(errors_of(with_cluster("state_directory: var/lib/checkpointd\n")),
            "config.yaml:8: 'state_directory' must be an absolute path (starting with '/'), got 'var/lib/checkpointd'");
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      data_directory: main
      archive_directory: /srv/archive
      backup_directory: ./backups
      restore_directory: /srv/restores
      password_file: ""
)"),
            "config.yaml:4: 'clusters[0].local.data_directory' must be an absolute path (starting with '/'), got 'main'\n"
            "config.yaml:6: 'clusters[0].local.backup_directory' must be an absolute path (starting with '/'), got "
            "'./backups'\n"
            "config.yaml:8: 'clusters[0].local.password_file' must be an absolute path (starting with '/'), got ''");
}

TEST(ConfigErrors, LogLevelAndFormatAreEnums) {
  EXPECT_EQ(errors_of(with_cluster("log:\n  level: verbose\n  format: xml\n")),
            "config.yaml:9: 'log.level' must be one of: trace, debug, info, warn, error, got 'verbose'\n"
            "config.yaml:10: 'log.format' must be one of: text, json, got 'xml'");
}

TEST(ConfigErrors, TcpNeedsATokenFileAndAPort) {
  EXPECT_EQ(errors_of(with_cluster("listen:\n  tcp:\n    address: 0.0.0.0\n")),
            "config.yaml:10: 'listen.tcp.port' is required\n"
            "config.yaml:10: 'listen.tcp.token_file' is required");
}

TEST(ConfigErrors, TcpPortIsInRange) {
  EXPECT_EQ(errors_of(with_cluster("listen:\n  tcp: {port: 65536, token_file: /etc/t}\n")),
            "config.yaml:9: 'listen.tcp.port' must be an integer from 0 to 65535, got '65536'");
}

TEST(ConfigErrors, TcpAddressMustBeAnIpAddress) {
  EXPECT_EQ(errors_of(with_cluster("listen:\n  tcp: {address: localhost, port: 9187, token_file: /etc/t}\n")),
            "config.yaml:9: 'listen.tcp.address' must be an IP address such as 127.0.0.1 or ::1, got 'localhost'");
}

TEST(ConfigErrors, TlsNeedsBothFiles) {
  EXPECT_EQ(errors_of(with_cluster(R"(listen:
  tcp:
    port: 9187
    token_file: /etc/checkpointd/token
    tls:
      cert_file: /etc/checkpointd/tls.crt
)")),
            "config.yaml:13: 'listen.tcp.tls.key_file' is required");
}

TEST(ConfigErrors, SectionsMustBeMaps) {
  EXPECT_EQ(errors_of(with_cluster("listen: /run/checkpointd.sock\n")),
            "config.yaml:8: 'listen' must be a map of keys (unix_socket, socket_mode, tcp), got "
            "'/run/checkpointd.sock'");
  EXPECT_EQ(errors_of(with_cluster("limits:\n")),
            "config.yaml:8: 'limits' must be a map of keys (max_body_bytes, shutdown_grace, blocking_threads), got "
            "an empty value");
}

TEST(ConfigErrors, BooleansAreTrueOrFalse) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    auto_restore: yes
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
)"),
            "config.yaml:3: 'clusters[0].auto_restore' must be true or false, got 'yes'");
}

TEST(ConfigErrors, LimitsHaveRanges) {
  EXPECT_EQ(errors_of(with_cluster("limits:\n  max_body_bytes: 100\n  blocking_threads: 0\n  shutdown_grace: soon\n")),
            "config.yaml:9: 'limits.max_body_bytes' must be an integer from 1024 to 67108864, got '100'\n"
            "config.yaml:10: 'limits.blocking_threads' must be an integer from 1 to 256, got '0'\n"
            "config.yaml:11: 'limits.shutdown_grace' must be a duration such as 30m or 90s, got 'soon'");
}

TEST(ConfigErrors, StringsMustNotBeEmptyOrStructured) {
  EXPECT_EQ(errors_of(R"(clusters:
  - name: app
    local:
      data_directory: /var/lib/postgresql/15/main
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
      user: ""
      database: {name: app}
)"),
            "config.yaml:8: 'clusters[0].local.user' must be a non-empty string, got ''\n"
            "config.yaml:9: 'clusters[0].local.database' must be a non-empty string, got a map");
}

TEST(ConfigErrors, YamlSyntaxErrorNamesTheLine) {
  EXPECT_EQ(errors_of("clusters:\n  - name: app\n    local: {data_directory: /x\n"),
            "config.yaml:4: invalid YAML at column 1: end of map flow not found");
  EXPECT_EQ(errors_of("listen:\n  unix_socket: /run/a.sock\n state_directory: /srv\n"),
            "config.yaml:3: invalid YAML at column 2: end of map not found");
  EXPECT_EQ(errors_of("state_directory: a: b\n"), "config.yaml:1: invalid YAML at column 19: illegal map value");
}

TEST(ConfigErrors, EmptyFile) {
  const std::string expected =
      "config.yaml: holds no settings; it needs at least a 'clusters' list (see docs/configuration.md)";
  EXPECT_EQ(errors_of(""), expected);
  EXPECT_EQ(errors_of("# only a comment\n\n"), expected);
}

TEST(ConfigErrors, TopLevelMustBeAMap) {
  EXPECT_EQ(errors_of("- name: app\n"),
            "config.yaml:1: the top level must be a map of keys (listen, state_directory, log, limits, kubernetes, "
            "clusters, prometheus, flag_backends), got a list");
  EXPECT_EQ(errors_of("just text\n"),
            "config.yaml:1: the top level must be a map of keys (listen, state_directory, log, limits, kubernetes, "
            "clusters, prometheus, flag_backends), got 'just text'");
}

TEST(ConfigErrors, AllProblemsAreReportedTogetherInDocumentOrder) {
  EXPECT_EQ(errors_of(R"(listen:
  socket_mode: "rw-"
  tcp:
    port: 9187
log:
  level: loud
clusters:
  - name: app
    engine: local
  - name: App
    local:
      data_directory: relative
      archive_directory: /srv/archive
      backup_directory: /srv/backups
      restore_directory: /srv/restores
      restore_parallelism: 100
)"),
            "config.yaml:2: 'listen.socket_mode' must be an octal file mode such as \"0660\", got 'rw-'\n"
            "config.yaml:4: 'listen.tcp.token_file' is required\n"
            "config.yaml:6: 'log.level' must be one of: trace, debug, info, warn, error, got 'loud'\n"
            "config.yaml:8: 'clusters[0].local' is required when 'clusters[0].engine' is local\n"
            "config.yaml:10: 'clusters[1].name' must be a cluster name of lowercase letters, digits and '-', "
            "starting with a letter, not ending with '-', at most 40 characters, got 'App'\n"
            "config.yaml:12: 'clusters[1].local.data_directory' must be an absolute path (starting with '/'), got "
            "'relative'\n"
            "config.yaml:16: 'clusters[1].local.restore_parallelism' must be an integer from 1 to 64, got '100'");
}

}  // namespace
}  // namespace ckpt::config
