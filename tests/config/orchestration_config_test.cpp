// The configuration's prometheus servers and flag backends: what plans may name.
#include <gtest/gtest.h>

#include "config/config_loader.hpp"

namespace ckpt::config {
namespace {

constexpr const char* kClusters = R"(clusters:
  - name: app
    local: {data_directory: /var/lib/pg, archive_directory: /a, backup_directory: /b, restore_directory: /r}
)";

Result<Config> parse(const std::string& tail) {
  return parse_config(std::string(kClusters) + tail, "config.yaml");
}

TEST(OrchestrationConfig, ReadsPrometheusServersAndEveryFlagBackend) {
  const auto config = parse(R"(prometheus:
  - name: main
    url: https://prometheus.monitoring:9090
    timeout: 5s
    headers: {X-Scope-OrgID: team-a}
    bearer_token_file: /etc/checkpointd/prometheus-token
    ca_file: /etc/checkpointd/ca.pem
  - name: local
    url: http://127.0.0.1:9090
flag_backends:
  - name: develop
    flagd_file: {file: /etc/flagd/develop.json}
  - name: staging
    config_map: {namespace: staging, name: app-flags, on_value: "1", off_value: "0"}
  - name: production
    deployment_env: {namespace: prod, deployment: web, container: app}
  - name: hooks
    webhook: {url: https://flags.internal/hook, bearer_token_file: /etc/t, timeout: 3s}
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_EQ(config->prometheus.size(), 2U);
  EXPECT_EQ(config->prometheus[0].url, "https://prometheus.monitoring:9090");
  EXPECT_EQ(config->prometheus[0].timeout, std::chrono::seconds{5});
  EXPECT_EQ(config->prometheus[0].headers.at("X-Scope-OrgID"), "team-a");
  EXPECT_EQ(config->prometheus[0].bearer_token_file, "/etc/checkpointd/prometheus-token");
  EXPECT_EQ(config->prometheus[1].timeout, std::chrono::seconds{10});
  EXPECT_EQ(config->find_prometheus("local"), &config->prometheus[1]);
  EXPECT_EQ(config->find_prometheus(""), nullptr);  // two servers: a plan must name one
  ASSERT_EQ(config->flag_backends.size(), 4U);
  const auto& flagd = std::get<FlagdFileBackend>(config->find_flag_backend("develop")->backend);
  EXPECT_EQ(flagd.file, "/etc/flagd/develop.json");
  EXPECT_EQ(flagd.on_variant, "on");
  const auto& map = std::get<ConfigMapBackend>(config->find_flag_backend("staging")->backend);
  EXPECT_EQ(map.namespace_name, "staging");
  EXPECT_EQ(map.on_value, "1");
  const auto& env = std::get<DeploymentEnvBackend>(config->find_flag_backend("production")->backend);
  EXPECT_EQ(env.container, "app");
  const auto& hook = std::get<WebhookBackend>(config->find_flag_backend("hooks")->backend);
  EXPECT_EQ(hook.timeout, std::chrono::seconds{3});
  EXPECT_EQ(config->find_flag_backend("nowhere"), nullptr);
}

TEST(OrchestrationConfig, TheOnlyServerNeedsNoName) {
  const auto config = parse("prometheus: [{name: main, url: 'http://127.0.0.1:9090'}]\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->find_prometheus(""), &config->prometheus[0]);
}

TEST(OrchestrationConfig, ProblemsAreNamed) {
  const auto config = parse(R"(prometheus:
  - name: main
    url: prometheus:9090
  - name: Main
    url: http://x
  - name: secret
    url: https://admin:hunter2@prometheus:9090/
flag_backends:
  - name: develop
    flagd_file: {file: relative.json}
  - name: develop
    webhook: {url: https://x}
  - name: both
    webhook: {url: https://x}
    config_map: {namespace: a, name: b}
  - name: none
)");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message,
            "config.yaml:6: 'prometheus[0].url' must be an http:// or https:// URL, got 'prometheus:9090'\n"
            "config.yaml:7: 'prometheus[1].name' must be a Kubernetes name of lowercase letters, digits and '-', "
            "starting and ending with a letter or digit, at most 63 characters, got 'Main'\n"
            "config.yaml:10: 'prometheus[2].url' must not carry credentials (user:password@host); use "
            "bearer_token_file\n"
            "config.yaml:13: 'flag_backends[0].flagd_file.file' must be an absolute path (starting with '/'), got "
            "'relative.json'\n"
            "config.yaml:14: 'flag_backends[1]': the name 'develop' is used twice; names must be unique\n"
            "config.yaml:16: 'flag_backends[2]' must hold exactly one of flagd_file, config_map, deployment_env, "
            "webhook\n"
            "config.yaml:19: 'flag_backends[3]' must hold exactly one of flagd_file, config_map, deployment_env, "
            "webhook");
}

}  // namespace
}  // namespace ckpt::config
