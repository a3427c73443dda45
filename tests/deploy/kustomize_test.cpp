// The kustomizations around the base: manifests/ combines the daemon with its Prometheus
// Operator objects, the ServiceMonitor scrapes the API port with the token, the example
// overlay puts everything in the CNPG clusters' namespace, and the example migration Job
// reaches the daemon through its Service with the same token.
#include <regex>

#include "deploy/pod_spec.hpp"
#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {
namespace {

class Manifests : public KustomizeTest {
 protected:
  void SetUp() override { render("."); }
};

class MonitoringManifests : public KustomizeTest {
 protected:
  void SetUp() override { render("monitoring"); }
};

class ExampleOverlay : public KustomizeTest {
 protected:
  void SetUp() override { render("examples/payments"); }
};

class ExampleMigrationJob : public KustomizeTest {
 protected:
  void SetUp() override { render("examples/migration", "base"); }
  const RenderedManifests& base() const { return reference(); }
};

class FailureDrill : public KustomizeTest {
 protected:
  void SetUp() override { render("examples/failure-drill", "examples/migration"); }
  const RenderedManifests& migration() const { return reference(); }
};

TEST_F(MonitoringManifests, HoldTheAlertRulesAndTheServiceMonitor) {
  EXPECT_TRUE(manifests().find("PrometheusRule", "checkpointd").IsDefined());
  EXPECT_TRUE(manifests().find("ServiceMonitor", "checkpointd").IsDefined());
}

TEST_F(Manifests, CombineTheDaemonAndItsMonitoring) {
  for (const auto& [kind, name] : std::vector<std::pair<std::string, std::string>>{{"Deployment", "checkpointd"},
                                                                                   {"Role", "checkpointd"},
                                                                                   {"Service", "checkpointd"},
                                                                                   {"ConfigMap", "checkpointd-config"},
                                                                                   {"PrometheusRule", "checkpointd"},
                                                                                   {"ServiceMonitor", "checkpointd"}}) {
    EXPECT_TRUE(manifests().find(kind, name).IsDefined()) << "no " << kind << " " << name;
  }
}

TEST_F(Manifests, ServiceMonitorScrapesTheApiPortWithTheDaemonsToken) {
  const auto monitor = manifests().find("ServiceMonitor", "checkpointd");
  const auto service = manifests().find("Service", "checkpointd");
  const auto deployment = manifests().find("Deployment", "checkpointd");
  ASSERT_TRUE(monitor.IsDefined() && service.IsDefined() && deployment.IsDefined());
  for (const auto& label : monitor["spec"]["selector"]["matchLabels"]) {
    EXPECT_EQ(service["metadata"]["labels"][label.first.as<std::string>()].as<std::string>(""),
              label.second.as<std::string>())
        << "the ServiceMonitor does not select the Service";
  }
  const auto& endpoint = monitor["spec"]["endpoints"][0];
  EXPECT_EQ(endpoint["port"].as<std::string>(""), service["spec"]["ports"][0]["name"].as<std::string>(""));
  EXPECT_EQ(endpoint["path"].as<std::string>(""), "/metrics");
  const auto& credentials = endpoint["authorization"]["credentials"];
  const auto api_secret = volume_named(deployment["spec"]["template"]["spec"], "api-secret")["secret"];
  EXPECT_EQ(credentials["name"].as<std::string>(""), api_secret["secretName"].as<std::string>("?"));
  EXPECT_EQ(credentials["key"].as<std::string>(""), api_secret["items"][0]["key"].as<std::string>("?"));
}

TEST_F(ExampleOverlay, PutsEverythingInTheNamespaceOfTheCnpgCluster) {
  const auto config = daemon_config(manifests());
  ASSERT_TRUE(config.IsMap());
  const auto namespace_name = config["clusters"][0]["cnpg"]["namespace"].as<std::string>("");
  ASSERT_FALSE(namespace_name.empty());
  for (const auto& object : manifests().objects()) {
    const auto kind = object["kind"].as<std::string>();
    if (kind == "ClusterRole" || kind == "ClusterRoleBinding") continue;
    EXPECT_EQ(object["metadata"]["namespace"].as<std::string>(""), namespace_name)
        << kind << " " << object["metadata"]["name"].as<std::string>()
        << ": the Role only works in the clusters' namespace";
  }
  for (const auto& binding : manifests().all_of_kind("ClusterRoleBinding")) {
    EXPECT_EQ(binding["subjects"][0]["namespace"].as<std::string>(""), namespace_name);
  }
}

TEST_F(ExampleMigrationJob, TalksToTheDaemonsServiceWithItsToken) {
  const auto job = manifests().find("Job", "orders-migrate-2026-11-21-add-customer-phone");
  ASSERT_TRUE(job.IsDefined());
  const auto pod_spec = job["spec"]["template"]["spec"];
  const auto migrate = container_named(pod_spec, "migrate");
  const auto service = base().find("Service", "checkpointd");
  ASSERT_TRUE(migrate.IsDefined() && service.IsDefined());

  EXPECT_EQ(env_value(migrate, "CHECKPOINTD_ADDR"), "https://" + service["metadata"]["name"].as<std::string>() + ":" +
                                                        service["spec"]["ports"][0]["port"].as<std::string>());
  const auto token_file = env_value(migrate, "CHECKPOINTD_TOKEN_FILE");
  const auto mount = mount_covering(migrate, token_file);
  ASSERT_TRUE(mount.IsDefined()) << token_file << " is not mounted";
  const auto secret = volume_named(pod_spec, mount["name"].as<std::string>())["secret"];
  const auto daemon_secret =
      volume_named(base().find("Deployment", "checkpointd")["spec"]["template"]["spec"], "api-secret")["secret"];
  EXPECT_EQ(secret["secretName"].as<std::string>(""), daemon_secret["secretName"].as<std::string>("?"));
  EXPECT_EQ(mount["mountPath"].as<std::string>() + "/" + secret["items"][0]["path"].as<std::string>(""), token_file);
}

TEST_F(ExampleMigrationJob, WrapsTheMigrationOfAConfiguredClusterInBeginAndCommitOrFail) {
  const auto job = manifests().find("Job", "orders-migrate-2026-11-21-add-customer-phone");
  const auto pod_spec = job["spec"]["template"]["spec"];
  const auto script = container_named(pod_spec, "migrate")["command"][2].as<std::string>("");
  std::smatch cluster;
  ASSERT_TRUE(std::regex_search(script, cluster, std::regex{"checkpointctl [^\n]*begin --cluster ([a-z0-9-]+)"}))
      << script;
  bool configured = false;
  for (const auto& entry : daemon_config(base())["clusters"])
    configured |= entry["name"].as<std::string>() == cluster[1];
  EXPECT_TRUE(configured) << "the daemon has no cluster " << cluster[1];
  for (const auto* step : {" commit \"$ID\"", " fail \"$ID\"", "--wait", "psql "}) {
    EXPECT_NE(script.find(step), std::string::npos) << "the script does not run " << step;
  }
  EXPECT_EQ(job["spec"]["backoffLimit"].as<int>(-1), 0) << "a failed migration must not run again by itself";
  EXPECT_EQ(pod_spec["restartPolicy"].as<std::string>(""), "Never");
  expect_restricted(pod_spec, "Job");

  std::smatch sql_file;
  ASSERT_TRUE(std::regex_search(script, sql_file, std::regex{"-f (/[^ \n]+)"})) << "psql reads no file";
  const auto mount = mount_covering(container_named(pod_spec, "migrate"), sql_file[1]);
  ASSERT_TRUE(mount.IsDefined()) << sql_file[1] << " is not mounted";
  const auto config_map_name = volume_named(pod_spec, mount["name"].as<std::string>())["configMap"]["name"];
  const auto config_map = manifests().find("ConfigMap", config_map_name.as<std::string>(""));
  const auto file = std::filesystem::path{sql_file[1].str()}.lexically_relative(mount["mountPath"].as<std::string>());
  EXPECT_TRUE(config_map["data"][file.string()].IsDefined()) << "the ConfigMap has no " << file;
}

TEST_F(ExampleMigrationJob, ItsPodIsNotAnEndpointOfTheDaemonsService) {
  const auto job = manifests().find("Job", "orders-migrate-2026-11-21-add-customer-phone");
  const auto labels = job["spec"]["template"]["metadata"]["labels"];
  bool all_match = true;
  for (const auto& label : base().find("Service", "checkpointd")["spec"]["selector"]) {
    all_match &= labels[label.first.as<std::string>()].as<std::string>("") == label.second.as<std::string>();
  }
  EXPECT_FALSE(all_match) << "the Service would route API requests to the migration Job";
}

TEST_F(FailureDrill, IsTheExampleJobUnderItsOwnNamesWithAFailingMigration) {
  const auto jobs = manifests().all_of_kind("Job");
  ASSERT_EQ(jobs.size(), 1U);
  const auto original = migration().all_of_kind("Job").at(0);
  EXPECT_NE(jobs[0]["metadata"]["name"].as<std::string>(), original["metadata"]["name"].as<std::string>());
  const auto drill = container_named(jobs[0]["spec"]["template"]["spec"], "migrate");
  const auto example = container_named(original["spec"]["template"]["spec"], "migrate");
  EXPECT_NE(env_value(drill, "MIGRATION_ID"), env_value(example, "MIGRATION_ID"));
  EXPECT_EQ(drill["command"][2].as<std::string>(), example["command"][2].as<std::string>());
  const auto config_maps = manifests().all_of_kind("ConfigMap");
  ASSERT_EQ(config_maps.size(), 1U);
  EXPECT_NE(config_maps[0]["data"]["migration.sql"].as<std::string>("").find("SELECT 1 / 0;"), std::string::npos);
}

}  // namespace
}  // namespace ckpt::test
