// The daemon's network exposure in the example deployment (examples/payments with the
// example migration Job): its TCP listener speaks HTTPS only, with the certificate of
// the Secret checkpointd-tls, and every client (probes, ServiceMonitor, the Job) uses
// HTTPS and verifies it with that Secret's CA; the NetworkPolicy admits the migration
// Jobs and Prometheus to the API port and nobody else, and lets the daemon reach DNS,
// the Kubernetes API, the CNPG instances and Prometheus.
#include <algorithm>
#include <regex>

#include "deploy/label_selector.hpp"
#include "deploy/pod_spec.hpp"
#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {
namespace {

struct Pod {
  Labels labels;
  Labels namespace_labels;
};

// A pod of the daemon's namespace (payments) with these labels.
Pod local_pod(Labels labels) {
  return Pod{std::move(labels), {{"kubernetes.io/metadata.name", "payments"}}};
}

bool peer_is(const YAML::Node& peer, const Pod& pod) {
  const auto& namespaces = peer["namespaceSelector"];
  const auto& pods = peer["podSelector"];
  if (!namespaces.IsDefined() && !pods.IsDefined()) return false;  // an ipBlock
  const bool namespace_matches = namespaces.IsDefined()
                                     ? selects(namespaces, pod.namespace_labels)
                                     : pod.namespace_labels.at("kubernetes.io/metadata.name") == "payments";
  return namespace_matches && (!pods.IsDefined() || selects(pods, pod.labels));
}

bool port_is(const YAML::Node& ports, const std::string& port, const std::string& protocol) {
  for (const auto& entry : ports) {
    if (entry["port"].as<std::string>("") == port && entry["protocol"].as<std::string>("TCP") == protocol) return true;
  }
  return false;
}

// Whether one of the policy's `direction` rules ("ingress" from, "egress" to) lets `pod`
// through on `port` (a number or the container port's name).
bool allows(const YAML::Node& policy, const std::string& direction, const Pod& pod, const std::string& port,
            const std::string& protocol = "TCP") {
  const auto* peers_key = direction == "ingress" ? "from" : "to";
  for (const auto& rule : policy["spec"][direction]) {
    if (!port_is(rule["ports"], port, protocol)) continue;
    for (const auto& peer : rule[peers_key]) {
      if (peer_is(peer, pod)) return true;
    }
  }
  return false;
}

class ExampleNetwork : public KustomizeTest {
 protected:
  void SetUp() override {
    render("examples/payments", "examples/migration");
    if (IsSkipped() || HasFatalFailure()) return;
    job_ = reference().find("Job", "orders-migrate-2026-11-21-add-customer-phone");
    ASSERT_TRUE(job_.IsDefined());
    pod_spec_ = manifests().find("Deployment", "checkpointd")["spec"]["template"]["spec"];
    ASSERT_TRUE(pod_spec_.IsDefined());
    config_ = daemon_config(manifests());
    ASSERT_TRUE(config_.IsMap());
  }

  const YAML::Node& pod_spec() const { return pod_spec_; }
  YAML::Node daemon() const { return container_named(pod_spec_, "checkpointd"); }
  YAML::Node job_pod_spec() const { return job_["spec"]["template"]["spec"]; }
  YAML::Node policy() const { return manifests().find("NetworkPolicy", "checkpointd"); }
  YAML::Node tls() const { return lookup(config_, {"listen", "tcp", "tls"}); }

  // The Secret volume, and its item, that put `file` into `container` of `pod_spec`.
  static std::pair<YAML::Node, YAML::Node> secret_item(const YAML::Node& pod_spec, const YAML::Node& container,
                                                       const std::string& file) {
    const auto mount = mount_covering(container, file);
    if (!mount.IsDefined()) return {};
    const auto secret = volume_named(pod_spec, mount["name"].as<std::string>())["secret"];
    for (const auto& item : secret["items"]) {
      if (mount["mountPath"].as<std::string>() + "/" + item["path"].as<std::string>("") == file) return {secret, item};
    }
    return {secret, YAML::Node{}};
  }

  std::string tls_secret_name() const {
    const auto [secret, item] = secret_item(pod_spec_, daemon(), tls()["cert_file"].as<std::string>(""));
    return secret["secretName"].as<std::string>("");
  }

  Pod daemon_pod() const {
    return local_pod(labels_of(manifests().find("Deployment", "checkpointd")["spec"]["template"]["metadata"]));
  }
  Pod job_pod() const { return local_pod(labels_of(job_["spec"]["template"]["metadata"])); }

 private:
  YAML::Node job_;
  YAML::Node pod_spec_;
  YAML::Node config_;
};

TEST_F(ExampleNetwork, TheApiListenerServesHttpsWithTheKeyPairOfItsSecret) {
  ASSERT_TRUE(tls().IsMap()) << "listen.tcp.tls is not set: the bearer token would cross the network in clear";
  for (const auto& [key, item_key] :
       std::vector<std::pair<std::string, std::string>>{{"cert_file", "tls.crt"}, {"key_file", "tls.key"}}) {
    const auto file = tls()[key].as<std::string>("");
    const auto [secret, item] = secret_item(pod_spec(), daemon(), file);
    ASSERT_TRUE(item.IsDefined()) << key << " " << file << " is not a Secret item mounted in the daemon";
    EXPECT_EQ(item["key"].as<std::string>(""), item_key) << file;
  }
  EXPECT_EQ(tls_secret_name(), "checkpointd-tls");
  const auto [secret, item] = secret_item(pod_spec(), daemon(), tls()["cert_file"].as<std::string>(""));
  EXPECT_EQ(secret["items"].size(), 2U) << "the daemon needs the certificate and the key only";
}

TEST_F(ExampleNetwork, ProbesAndTheServiceMonitorUseHttpsAndTheMonitorVerifiesTheCertificate) {
  for (const auto* probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
    EXPECT_EQ(daemon()[probe]["httpGet"]["scheme"].as<std::string>(""), "HTTPS") << probe;
  }
  const auto endpoint = manifests().find("ServiceMonitor", "checkpointd")["spec"]["endpoints"][0];
  const auto service = manifests().find("Service", "checkpointd");
  EXPECT_EQ(endpoint["scheme"].as<std::string>(""), "https");
  EXPECT_EQ(endpoint["port"].as<std::string>(""), service["spec"]["ports"][0]["name"].as<std::string>("?"));
  const auto& tls_config = endpoint["tlsConfig"];
  EXPECT_FALSE(tls_config["insecureSkipVerify"].as<bool>(false));
  EXPECT_EQ(tls_config["ca"]["secret"]["name"].as<std::string>(""), tls_secret_name());
  EXPECT_EQ(tls_config["ca"]["secret"]["key"].as<std::string>(""), "ca.crt");
  EXPECT_EQ(tls_config["serverName"].as<std::string>(""), service["metadata"]["name"].as<std::string>());
}

TEST_F(ExampleNetwork, TheJobTalksHttpsAndVerifiesTheDaemonWithTheCaOfItsSecret) {
  const auto migrate = container_named(job_pod_spec(), "migrate");
  EXPECT_TRUE(env_value(migrate, "CHECKPOINTD_ADDR").starts_with("https://")) << env_value(migrate, "CHECKPOINTD_ADDR");
  const auto script = migrate["command"][2].as<std::string>("");
  const std::regex call{R"(checkpointctl ([^\n]*))"};
  int calls = 0;
  for (auto it = std::sregex_iterator(script.begin(), script.end(), call); it != std::sregex_iterator();
       ++it, ++calls) {
    EXPECT_TRUE((*it)[1].str().starts_with("--ca-file \"$API_CA_FILE\" ")) << "without --ca-file: " << (*it)[0];
  }
  EXPECT_EQ(calls, 3) << "begin, commit and fail";
  const auto [secret, item] = secret_item(job_pod_spec(), migrate, env_value(migrate, "API_CA_FILE"));
  ASSERT_TRUE(item.IsDefined()) << "API_CA_FILE is not a mounted Secret item";
  EXPECT_EQ(secret["secretName"].as<std::string>(""), tls_secret_name());
  EXPECT_EQ(item["key"].as<std::string>(""), "ca.crt");
  EXPECT_EQ(secret["items"].size(), 1U) << "the Job must not get the daemon's private key";
}

TEST_F(ExampleNetwork, ThePolicyAdmitsTheMigrationJobAndPrometheusToTheApiPortOnly) {
  ASSERT_TRUE(policy().IsDefined()) << "no NetworkPolicy checkpointd";
  EXPECT_TRUE(selects(policy()["spec"]["podSelector"], daemon_pod().labels)) << "the policy misses the daemon's pod";
  EXPECT_EQ(strings_of(policy()["spec"]["policyTypes"]), (std::vector<std::string>{"Ingress", "Egress"}));
  const auto port = daemon()["ports"][0]["name"].as<std::string>("");
  EXPECT_TRUE(allows(policy(), "ingress", job_pod(), port)) << "the migration Job cannot reach the API";
  const Pod prometheus{{{"app.kubernetes.io/name", "prometheus"}}, {{"kubernetes.io/metadata.name", "monitoring"}}};
  EXPECT_TRUE(allows(policy(), "ingress", prometheus, port)) << "Prometheus cannot scrape /metrics";

  EXPECT_FALSE(allows(policy(), "ingress", local_pod({{"app.kubernetes.io/name", "orders-api"}}), port))
      << "any pod of the namespace reaches the API";
  const Pod elsewhere{{{"checkpointd.io/client", "true"}}, {{"kubernetes.io/metadata.name", "other"}}};
  EXPECT_FALSE(allows(policy(), "ingress", elsewhere, port)) << "a client label in another namespace is admitted";
  const Pod prometheus_elsewhere{{{"app.kubernetes.io/name", "prometheus"}}, {{"kubernetes.io/metadata.name", "x"}}};
  EXPECT_FALSE(allows(policy(), "ingress", prometheus_elsewhere, port));
  for (const auto& rule : policy()["spec"]["ingress"]) {
    for (const auto& entry : rule["ports"])
      EXPECT_EQ(entry["port"].as<std::string>(""), port) << "a port besides the API";
  }
}

TEST_F(ExampleNetwork, ThePolicyLetsTheDaemonReachDnsTheKubernetesApiPostgresAndPrometheus) {
  ASSERT_TRUE(policy().IsDefined());
  const Pod dns{{{"k8s-app", "kube-dns"}}, {{"kubernetes.io/metadata.name", "kube-system"}}};
  EXPECT_TRUE(allows(policy(), "egress", dns, "53", "UDP"));
  EXPECT_TRUE(allows(policy(), "egress", dns, "53", "TCP"));

  const auto& cnpg = daemon_config(manifests())["clusters"][0]["cnpg"];
  const auto rw_port = cnpg["rw_port"].as<std::string>("5432");
  for (const auto& cluster :
       {cnpg["cluster"].as<std::string>(), cnpg["cluster"].as<std::string>() + "-pitr-d9b41c20"}) {
    // The labels CNPG gives every instance pod of a Cluster.
    const auto instance = local_pod({{"cnpg.io/cluster", cluster}, {"cnpg.io/podRole", "instance"}});
    EXPECT_TRUE(allows(policy(), "egress", instance, rw_port)) << "PostgreSQL of " << cluster << " is unreachable";
  }
  EXPECT_FALSE(allows(policy(), "egress", local_pod({{"app.kubernetes.io/name", "orders-api"}}), rw_port));

  const Pod prometheus{{{"app.kubernetes.io/name", "prometheus"}}, {{"kubernetes.io/metadata.name", "monitoring"}}};
  EXPECT_TRUE(allows(policy(), "egress", prometheus, "9090")) << "the SLO watch cannot query Prometheus";

  bool api_server = false;
  for (const auto& rule : policy()["spec"]["egress"]) {
    for (const auto& peer : rule["to"]) {
      api_server |= peer["ipBlock"].IsDefined() && port_is(rule["ports"], "443", "TCP");
    }
  }
  EXPECT_TRUE(api_server) << "the Kubernetes API is unreachable";
}

class CertManagerExample : public KustomizeTest {
 protected:
  void SetUp() override { render("examples/cert-manager", "base"); }
  const RenderedManifests& base() const { return reference(); }
};

TEST_F(CertManagerExample, IssuesTheDaemonsSecretForTheServicesNamesFromACa) {
  const auto certificate = manifests().find("Certificate", "checkpointd-tls");
  ASSERT_TRUE(certificate.IsDefined());
  const auto volume = volume_named(base().find("Deployment", "checkpointd")["spec"]["template"]["spec"], "api-tls");
  EXPECT_EQ(certificate["spec"]["secretName"].as<std::string>(""), volume["secret"]["secretName"].as<std::string>("?"));
  const auto names = strings_of(certificate["spec"]["dnsNames"]);
  const auto service = base().find("Service", "checkpointd")["metadata"]["name"].as<std::string>();
  const auto namespace_name = certificate["metadata"]["namespace"].as<std::string>("");
  for (const auto& name : {service, service + "." + namespace_name + ".svc"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << "the certificate does not name " << name;
  }
  const auto issuer = manifests().find("Issuer", certificate["spec"]["issuerRef"]["name"].as<std::string>(""));
  ASSERT_TRUE(issuer["spec"]["ca"].IsDefined())
      << "a CA Issuer puts ca.crt, which the clients verify with, in the Secret";
  bool from_a_ca = false;
  for (const auto& ca : manifests().all_of_kind("Certificate")) {
    from_a_ca |=
        ca["spec"]["secretName"].as<std::string>("") == issuer["spec"]["ca"]["secretName"].as<std::string>("?") &&
        ca["spec"]["isCA"].as<bool>(false);
  }
  EXPECT_TRUE(from_a_ca) << "the Issuer's Secret is not a CA certificate of the example";
}

}  // namespace
}  // namespace ckpt::test
