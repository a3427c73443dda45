// The Helm chart (manifests/helm/checkpointd) renders the objects of the kustomize example
// (base and monitoring) with the example values, names everything after the release
// consistently, refuses values it cannot render faithfully (its schema refuses mistyped
// and ill-typed ones), and follows its values: network peers, RBAC, the journal's claim,
// extra pod settings, monitoring. Its config passes the daemon's own check.
#include "deploy/helm_chart.hpp"

#include <gmock/gmock.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "deploy/deploy_tools.hpp"
#include "deploy/manifest_comparison.hpp"
#include "deploy/rendered_manifests.hpp"
#include "support/yaml_json.hpp"

namespace ckpt::test {
namespace {

std::string key_of(const YAML::Node& object) {
  return object["kind"].as<std::string>("") + "/" + object["metadata"]["name"].as<std::string>("");
}

std::map<std::string, boost::json::value> by_key(const std::vector<YAML::Node>& objects,
                                                 const std::map<std::string, std::string>& renamed = {}) {
  std::map<std::string, boost::json::value> keyed;
  for (const auto& object : objects) {
    auto key = key_of(object);
    if (const auto rename = renamed.find(object["metadata"]["name"].as<std::string>("")); rename != renamed.end()) {
      key = object["kind"].as<std::string>("") + "/" + rename->second;
    }
    keyed.emplace(key, comparable(object, renamed));
  }
  return keyed;
}

std::set<std::string> keys_of(const std::map<std::string, boost::json::value>& keyed) {
  std::set<std::string> keys;
  for (const auto& [key, object] : keyed) keys.insert(key);
  return keys;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += "  " + line + "\n";
  return text;
}

std::filesystem::path example_values() {
  return manifests_dir("examples/helm/payments-values.yaml");
}

constexpr std::string_view kOneCluster = R"(clusters:
  - name: orders
    engine: cnpg
    cnpg: {namespace: shop, cluster: orders-db, user: checkpointd, database: app,
           password_file: /run/secrets/checkpointd/pgpass}
)";

class HelmChart : public HelmChartTest {};

TEST_F(HelmChart, RendersTheObjectsOfTheKustomizeExample) {
  const auto kustomized = RenderedManifests::render(manifests_dir("examples/payments"));
  if (!kustomized) GTEST_SKIP() << "kubectl is not installed: cannot build manifests/examples/payments";
  ASSERT_TRUE(kustomized->error().empty()) << kustomized->error();
  const auto chart = render("checkpointd", "payments", {example_values()});
  ASSERT_EQ(chart.status, 0) << chart.output;

  // kustomize suffixes a generated ConfigMap's name with a content hash; the chart's
  // Deployment carries a checksum of the config instead.
  std::map<std::string, std::string> renamed;
  for (const auto& config_map : kustomized->all_of_kind("ConfigMap")) {
    const auto name = config_map["metadata"]["name"].as<std::string>();
    std::smatch hashed;
    if (std::regex_match(name, hashed, std::regex{"(.+)-[a-z0-9]{10}"})) renamed[name] = hashed[1];
  }
  const auto expected = by_key(kustomized->objects(), renamed);
  std::vector<YAML::Node> installed;  // without `helm test`'s hook objects
  for (const auto& object : chart.objects) {
    if (!lookup(object, {"metadata", "annotations", "helm.sh/hook"}).IsDefined()) installed.push_back(object);
  }
  const auto actual = by_key(installed);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(keys_of(actual), keys_of(expected)) << "the chart and the kustomize example render different objects";
  for (const auto& [key, object] : expected) {
    const auto counterpart = actual.find(key);
    if (counterpart == actual.end()) continue;
    const auto found = differences(object, counterpart->second);
    EXPECT_TRUE(found.empty()) << key << " differs between kustomize (expected) and the chart:\n" << joined(found);
  }
}

TEST_F(HelmChart, ConfigPassesTheDaemonsCheck) {
  const auto chart = render("checkpointd", "payments", {example_values()});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto config = lookup(chart.find("ConfigMap", "checkpointd-config"), {"data", "config.yaml"});
  ASSERT_TRUE(config.IsScalar()) << "no config.yaml in ConfigMap checkpointd-config";
  const auto file = values_file("config.yaml", config.Scalar());
  const auto binary = build_dir() / "daemon" / "checkpointd";
  ASSERT_TRUE(std::filesystem::exists(binary)) << binary << " is not built";
  const auto checked = run_command(binary.string() + " --config '" + file.string() + "' --check-config");
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_NE(checked.output.find("configuration is valid (1 cluster(s))"), std::string::npos) << checked.output;
}

TEST_F(HelmChart, RefusesToRenderWithoutACluster) {
  const auto chart = render("checkpointd", "shop");
  EXPECT_NE(chart.status, 0) << chart.output;
  EXPECT_NE(chart.output.find("clusters: name at least one CloudNativePG cluster"), std::string::npos) << chart.output;
}

TEST_F(HelmChart, RefusesConfigKeysTheChartSets) {
  for (const auto key : {"listen", "state_directory", "clusters"}) {
    const auto values = values_file("values.yaml", std::string{kOneCluster} + "config:\n  " + key + ": {}\n");
    const auto chart = render("checkpointd", "shop", {values});
    EXPECT_NE(chart.status, 0) << key << ":\n" << chart.output;
    EXPECT_NE(chart.output.find("config." + std::string{key} + ": set by the chart"), std::string::npos)
        << chart.output;
  }
}

TEST_F(HelmChart, SchemaRefusesMistypedAndIllTypedValues) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"serviceMonitr: {enabled: true}\n", "Additional property serviceMonitr is not allowed"},
      {"serviceMonitor: {enabled: \"yes\"}\n", "serviceMonitor.enabled: Invalid type. Expected: boolean"},
      {"image: {digest: sha256:abc}\n", "image.digest: Does not match pattern"},
      {"persistence: {size: lots}\n", "persistence.size: Does not match pattern"},
      {"databaseCAs: [{name: Orders_CA, secretName: orders-db-ca, mountPath: /run/ca}]\n", "databaseCAs.0.name"},
      {"clusters: [{name: local-one, engine: local, cnpg: {}}]\n", "clusters.0.engine"},
      {"databaseCAs: [{name: state, secretName: orders-db-ca, mountPath: /run/ca}]\n", "databaseCAs.0.name"},
      {"databaseCAs: [{name: ca, secretName: orders-db-ca, mountPath: /var/lib/checkpointd}]\n",
       "databaseCAs.0.mountPath"},
      {"initImage: {tag: \"\"}\n", "initImage"},
      {"networkPolicy: {dns: [{}]}\n", "networkPolicy.dns.0"},
  };
  for (const auto& [values, message] : cases) {
    // A case that sets clusters replaces the valid entry rather than repeating the key.
    const auto file = values.starts_with("clusters:") ? values : std::string{kOneCluster} + values;
    const auto chart = render("checkpointd", "shop", {values_file("values.yaml", file)});
    EXPECT_NE(chart.status, 0) << values << chart.output;
    EXPECT_NE(chart.output.find("values don't meet the specifications of the schema"), std::string::npos)
        << values << chart.output;
    EXPECT_NE(chart.output.find(message), std::string::npos) << values << chart.output;
  }
}

TEST_F(HelmChart, NamesEverythingAfterTheReleaseConsistently) {
  const auto chart = render("billing", "payments", {example_values()});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto deployment = chart.find("Deployment", "billing-checkpointd");
  const auto service = chart.find("Service", "billing-checkpointd");
  const auto monitor = chart.find("ServiceMonitor", "billing-checkpointd");
  ASSERT_TRUE(deployment.IsDefined() && service.IsDefined() && monitor.IsDefined()) << chart.output;
  for (const auto& object : chart.objects) {
    if (object["kind"].as<std::string>() == "ClusterRole" || object["kind"].as<std::string>() == "ClusterRoleBinding") {
      continue;
    }
    EXPECT_EQ(object["metadata"]["namespace"].as<std::string>(""), "payments") << key_of(object);
  }

  const auto pod = deployment["spec"]["template"];
  const auto pod_labels = pod["metadata"]["labels"];
  for (const auto& selector :
       {deployment["spec"]["selector"]["matchLabels"], service["spec"]["selector"],
        chart.find("NetworkPolicy", "billing-checkpointd")["spec"]["podSelector"]["matchLabels"]}) {
    ASSERT_TRUE(selector.IsMap());
    EXPECT_EQ(selector["app.kubernetes.io/instance"].as<std::string>(""), "billing")
        << "a second release in the namespace would share the selector";
    for (const auto& label : selector) {
      EXPECT_EQ(pod_labels[label.first.as<std::string>()].as<std::string>(""), label.second.as<std::string>())
          << "the pods do not carry " << label.first.as<std::string>();
    }
  }
  for (const auto& label : monitor["spec"]["selector"]["matchLabels"]) {
    EXPECT_EQ(service["metadata"]["labels"][label.first.as<std::string>()].as<std::string>(""),
              label.second.as<std::string>())
        << "the ServiceMonitor does not select the Service";
  }
  EXPECT_EQ(monitor["spec"]["endpoints"][0]["tlsConfig"]["serverName"].as<std::string>(""), "billing-checkpointd");
  EXPECT_TRUE(service["metadata"]["labels"][monitor["spec"]["jobLabel"].as<std::string>("")].IsDefined())
      << "the Service lacks the ServiceMonitor's job label";

  const auto spec = pod["spec"];
  const auto account = spec["serviceAccountName"].as<std::string>("");
  EXPECT_TRUE(chart.find("ServiceAccount", account).IsDefined()) << account;
  for (const auto kind : {"RoleBinding", "ClusterRoleBinding"}) {
    for (const auto& binding : chart.all_of_kind(kind)) {
      EXPECT_EQ(binding["subjects"][0]["name"].as<std::string>(""), account) << key_of(binding);
      EXPECT_EQ(binding["subjects"][0]["namespace"].as<std::string>(""), "payments") << key_of(binding);
      const auto role_kind = binding["roleRef"]["kind"].as<std::string>("");
      EXPECT_TRUE(chart.find(role_kind, binding["roleRef"]["name"].as<std::string>("")).IsDefined()) << key_of(binding);
    }
  }
  for (const auto& volume : spec["volumes"]) {
    if (volume["configMap"].IsDefined()) {
      EXPECT_TRUE(chart.find("ConfigMap", volume["configMap"]["name"].as<std::string>("")).IsDefined());
    }
    if (volume["persistentVolumeClaim"].IsDefined()) {
      const auto claim = volume["persistentVolumeClaim"]["claimName"].as<std::string>("");
      EXPECT_TRUE(chart.find("PersistentVolumeClaim", claim).IsDefined()) << claim;
    }
  }
  EXPECT_EQ(pod["metadata"]["annotations"]["checksum/config"].as<std::string>("").size(), 64U)
      << "a changed config would not roll the pod";
}

TEST_F(HelmChart, ChangedConfigChangesTheChecksumThatRollsThePod) {
  const auto checksum = [&](std::string_view level) {
    const auto values =
        values_file("values.yaml", std::string{kOneCluster} + "config:\n  log: {level: " + std::string{level} + "}\n");
    const auto chart = render("checkpointd", "shop", {values});
    EXPECT_EQ(chart.status, 0) << chart.output;
    return lookup(chart.find("Deployment", "checkpointd"),
                  {"spec", "template", "metadata", "annotations", "checksum/config"})
        .as<std::string>("");
  };
  const auto info = checksum("info");
  EXPECT_FALSE(info.empty());
  EXPECT_NE(info, checksum("debug"));
}

TEST_F(HelmChart, MonitoringObjectsFollowTheirValues) {
  const auto without = render("checkpointd", "shop", {values_file("values.yaml", kOneCluster)});
  ASSERT_EQ(without.status, 0) << without.output;
  EXPECT_TRUE(without.all_of_kind("ServiceMonitor").empty());
  EXPECT_TRUE(without.all_of_kind("PrometheusRule").empty());
  EXPECT_FALSE(without.find("ConfigMap", "checkpointd-dashboard").IsDefined());

  const auto with = render("checkpointd", "shop", {values_file("values.yaml", std::string{kOneCluster} + R"(
serviceMonitor: {enabled: true, labels: {release: kube-prometheus-stack}}
prometheusRule: {enabled: true, labels: {release: kube-prometheus-stack}, runbookBaseUrl: "https://example.org/checkpointd"}
dashboard: {enabled: true}
)")});
  ASSERT_EQ(with.status, 0) << with.output;
  EXPECT_EQ(lookup(with.find("ServiceMonitor", "checkpointd"), {"metadata", "labels", "release"}).as<std::string>(""),
            "kube-prometheus-stack");
  const auto rule = with.find("PrometheusRule", "checkpointd");
  EXPECT_EQ(lookup(rule, {"metadata", "labels", "release"}).as<std::string>(""), "kube-prometheus-stack");
  EXPECT_EQ(lookup(with.find("ConfigMap", "checkpointd-dashboard"), {"metadata", "labels", "grafana_dashboard"})
                .as<std::string>(""),
            "1");

  // The rules are manifests/monitoring's, with every runbook_url prefixed.
  auto shipped = YAML::LoadFile(manifests_dir("monitoring/prometheusrule.yaml").string());  // edited below
  std::size_t alerts = 0;
  for (auto group : shipped["spec"]["groups"]) {
    for (auto alert : group["rules"]) {
      if (!alert["annotations"]["runbook_url"].IsDefined()) continue;
      ++alerts;
      alert["annotations"]["runbook_url"] =
          "https://example.org/checkpointd/" + alert["annotations"]["runbook_url"].as<std::string>();
    }
  }
  EXPECT_GT(alerts, 0U);
  const auto found = differences(yaml_to_json(shipped["spec"]), yaml_to_json(rule["spec"]));
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST_F(HelmChart, RefusesClustersOutsideTheReleasesNamespace) {
  const auto chart = render("checkpointd", "shop", {example_values()});
  EXPECT_NE(chart.status, 0) << chart.output;
  EXPECT_NE(chart.output.find("clusters[orders].cnpg.namespace is payments but the release is in shop"),
            std::string::npos)
      << chart.output;
}

TEST_F(HelmChart, NetworkPolicyPeersReplaceTheDefaultsAndExtraRulesAreAppended) {
  const auto chart = render("checkpointd", "shop", {values_file("values.yaml", std::string{kOneCluster} + R"(
networkPolicy:
  dns: [{podSelector: {matchLabels: {k8s-app: coredns}}}]
  prometheus: []
  extraEgress: [{to: [{ipBlock: {cidr: 10.1.2.3/32}}], ports: [{port: 8080, protocol: TCP}]}]
)")});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto spec = lookup(chart.find("NetworkPolicy", "checkpointd"), {"spec"});
  ASSERT_TRUE(spec.IsMap()) << chart.output;
  EXPECT_THAT(differences(yaml_to_json(std::string{"[{podSelector: {matchLabels: {k8s-app: coredns}}}]"}),
                          yaml_to_json(spec["egress"][0]["to"])),
              ::testing::IsEmpty())
      << "the DNS peer is not exactly the one given";
  ASSERT_EQ(spec["ingress"][0]["from"].size(), 1U) << "only the clients may call the API without Prometheus";
  EXPECT_TRUE(spec["ingress"][0]["from"][0]["podSelector"].IsDefined());
  ASSERT_EQ(spec["egress"].size(), 4U) << "DNS, Kubernetes API, PostgreSQL and the extra rule";
  EXPECT_EQ(spec["egress"][3]["to"][0]["ipBlock"]["cidr"].as<std::string>(""), "10.1.2.3/32");

  const auto nobody =
      render("checkpointd", "shop",
             {values_file("values.yaml", std::string{kOneCluster} + "networkPolicy: {clients: [], prometheus: []}\n")});
  EXPECT_NE(nobody.status, 0);
  EXPECT_NE(nobody.output.find("clients and prometheus are both empty"), std::string::npos) << nobody.output;
}

TEST_F(HelmChart, RbacCreateFalseCreatesNoRbacObjectAtAll) {
  const auto chart =
      render("checkpointd", "shop",
             {values_file("values.yaml",
                          std::string{kOneCluster} + "rbac: {create: false, crdReader: true, drillCleanup: true}\n")});
  ASSERT_EQ(chart.status, 0) << chart.output;
  for (const auto* kind : {"Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"}) {
    EXPECT_TRUE(chart.all_of_kind(kind).empty()) << kind;
  }
  EXPECT_TRUE(chart.find("ServiceAccount", "checkpointd").IsDefined());
}

TEST_F(HelmChart, TheJournalsClaimOutlivesTheReleaseOrIsTheUsersOwn) {
  const auto own = render("checkpointd", "shop", {values_file("values.yaml", kOneCluster)});
  ASSERT_EQ(own.status, 0) << own.output;
  EXPECT_EQ(lookup(own.find("PersistentVolumeClaim", "checkpointd-state"),
                   {"metadata", "annotations", "helm.sh/resource-policy"})
                .as<std::string>(""),
            "keep")
      << "helm uninstall would delete the journal";

  const auto existing =
      render("checkpointd", "shop",
             {values_file("values.yaml", std::string{kOneCluster} + "persistence: {existingClaim: journal}\n")});
  ASSERT_EQ(existing.status, 0) << existing.output;
  EXPECT_TRUE(existing.all_of_kind("PersistentVolumeClaim").empty());
  const auto volumes = lookup(existing.find("Deployment", "checkpointd"), {"spec", "template", "spec", "volumes"});
  bool found = false;
  for (const auto& volume : volumes) {
    if (volume["name"].as<std::string>("") != "state") continue;
    found = true;
    EXPECT_EQ(volume["persistentVolumeClaim"]["claimName"].as<std::string>(""), "journal");
  }
  EXPECT_TRUE(found) << "no state volume";
}

TEST_F(HelmChart, ExtraEnvVolumesMountsAndPodLabelsReachThePod) {
  const auto chart = render("checkpointd", "shop", {values_file("values.yaml", std::string{kOneCluster} + R"(
extraEnv: [{name: TZ, value: UTC}]
extraVolumes: [{name: prometheus-ca, secret: {secretName: prometheus-ca}}]
extraVolumeMounts: [{name: prometheus-ca, mountPath: /run/secrets/prometheus-ca, readOnly: true}]
podLabels: {team: databases}
)")});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto pod = lookup(chart.find("Deployment", "checkpointd"), {"spec", "template"});
  ASSERT_TRUE(pod.IsMap()) << chart.output;
  const auto container = pod["spec"]["containers"][0];
  const auto last = [](const YAML::Node& sequence) {
    return sequence[sequence.size() - 1]["name"].as<std::string>("");
  };
  EXPECT_EQ(last(container["env"]), "TZ");
  EXPECT_EQ(last(container["volumeMounts"]), "prometheus-ca");
  EXPECT_EQ(last(pod["spec"]["volumes"]), "prometheus-ca");
  EXPECT_EQ(pod["metadata"]["labels"]["team"].as<std::string>(""), "databases");
}

TEST_F(HelmChart, SaysSoWhenALinkedMonitoringFileDidNotComeAlong) {
  // A checkout without symbolic links (core.symlinks=false) holds the link's target as text.
  const auto copy = scratch() / "chart";
  std::filesystem::copy(chart_dir(), copy,
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
  for (const auto* file : {"prometheusrule.yaml", "checkpointd.json"}) {
    std::filesystem::remove(copy / "files" / file);
    std::ofstream{copy / "files" / file} << "../../../monitoring/" << file;
  }
  const auto chart = render_chart(copy, "checkpointd", "payments", {example_values()});
  EXPECT_NE(chart.status, 0) << chart.output;
  EXPECT_NE(chart.output.find("is missing: it links to a file of manifests/monitoring"), std::string::npos)
      << chart.output;
}

TEST_F(HelmChart, TestHookCallsTheApiAsAClientWithACommandCheckpointctlRuns) {
  const auto chart = render("billing", "payments", {example_values()});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto pod = chart.find("Pod", "billing-checkpointd-api-test");
  ASSERT_TRUE(pod.IsDefined()) << chart.output;
  EXPECT_EQ(lookup(pod, {"metadata", "annotations", "helm.sh/hook"}).as<std::string>(""), "test");
  EXPECT_EQ(lookup(pod, {"metadata", "labels", "checkpointd.io/client"}).as<std::string>(""), "true")
      << "the NetworkPolicy would not admit it";
  const auto container = pod["spec"]["containers"][0];
  std::map<std::string, std::string> env;
  for (const auto& variable : container["env"]) {
    env[variable["name"].as<std::string>()] = variable["value"].as<std::string>("");
  }
  EXPECT_EQ(env["CHECKPOINTD_ADDR"], "https://billing-checkpointd:8443") << "not the Service";
  std::map<std::string, std::string> secret_of_mount;
  for (const auto& mount : container["volumeMounts"]) {
    for (const auto& volume : pod["spec"]["volumes"]) {
      if (volume["name"].as<std::string>() == mount["name"].as<std::string>()) {
        secret_of_mount[mount["mountPath"].as<std::string>()] = volume["secret"]["secretName"].as<std::string>("");
      }
    }
  }
  EXPECT_EQ(secret_of_mount["/run/secrets/checkpointd"], "checkpointd-api");
  EXPECT_EQ(secret_of_mount["/run/secrets/checkpointd-ca"], "checkpointd-tls");

  // The built checkpointctl takes the command as it is: with the files in place and nothing
  // listening it says it cannot reach the daemon (6), not that it was misused (2).
  const auto client = build_dir() / "client" / "checkpointctl";
  ASSERT_TRUE(std::filesystem::exists(client)) << client << " is not built";
  const auto token = values_file("token", "t0ken");
  const auto ca = scratch() / "ca.crt";
  const auto made = run_command(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=test-ca -keyout '" +
      (scratch() / "ca.key").string() + "' -out '" + ca.string() + "'");
  ASSERT_EQ(made.status, 0) << made.output;
  ASSERT_EQ(container["command"][0].as<std::string>(""), "checkpointctl");
  std::string command =
      "CHECKPOINTD_ADDR=https://127.0.0.1:1 CHECKPOINTD_TOKEN_FILE='" + token.string() + "' '" + client.string() + "'";
  for (std::size_t i = 1; i < container["command"].size(); ++i) {
    auto argument = container["command"][i].as<std::string>();
    if (argument == "/run/secrets/checkpointd-ca/ca.crt") argument = ca.string();
    command += " '" + argument + "'";
  }
  const auto ran = run_command(command);
  EXPECT_EQ(ran.status, 6) << ran.output;
  EXPECT_NE(ran.output.find("cannot reach checkpointd"), std::string::npos) << ran.output;
}

TEST_F(HelmChart, ImageDigestPinsTheImage) {
  const auto digest = "sha256:" + std::string(64, 'a');
  const auto chart =
      render("checkpointd", "shop",
             {values_file("values.yaml", std::string{kOneCluster} + "image: {digest: \"" + digest + "\"}\n")});
  ASSERT_EQ(chart.status, 0) << chart.output;
  const auto containers = lookup(chart.find("Deployment", "checkpointd"), {"spec", "template", "spec", "containers"});
  ASSERT_TRUE(containers.IsSequence());
  EXPECT_EQ(containers[0]["image"].as<std::string>(""), "ghcr.io/checkpointd/checkpointd@" + digest);
}

TEST(HelmChartVersion, IsTheProjectsVersion) {
  std::smatch version;
  const auto cmake = read_text(source_dir() / "CMakeLists.txt");
  ASSERT_TRUE(std::regex_search(cmake, version, std::regex{R"(project\(checkpointd VERSION ([0-9.]+))"}));
  const auto chart = YAML::LoadFile((chart_dir() / "Chart.yaml").string());
  EXPECT_EQ(chart["version"].as<std::string>(""), version[1].str());
  EXPECT_EQ(chart["appVersion"].as<std::string>(""), version[1].str());
}

}  // namespace
}  // namespace ckpt::test
