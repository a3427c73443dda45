// The Deployment of manifests/base runs checkpointd the way its configuration expects:
// one writer of the journal, restricted containers, in-cluster credentials, the config
// from the ConfigMap, probes on the unauthenticated paths of the API port, the state on
// the PersistentVolumeClaim, and secret files that pass the daemon's and libpq's
// owner-only checks. base/config.yaml passes `checkpointd --check-config`.
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "config/secret_file.hpp"
#include "deploy/deploy_tools.hpp"
#include "deploy/pod_spec.hpp"
#include "deploy/rendered_manifests.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {
namespace {

class BaseDeployment : public KustomizeTest {
 protected:
  void SetUp() override {
    render("base");
    if (IsSkipped() || HasFatalFailure()) return;
    deployment_ = manifests().find("Deployment", "checkpointd");
    ASSERT_TRUE(deployment_.IsDefined()) << "no Deployment checkpointd";
    config_ = daemon_config(manifests());
    ASSERT_TRUE(config_.IsMap()) << "no config.yaml in the ConfigMap checkpointd-config";
  }

  // Const access only: yaml-cpp's non-const operator[] adds missing keys.
  const YAML::Node& deployment() const { return deployment_; }
  const YAML::Node& config() const { return config_; }
  YAML::Node pod_spec() const { return deployment_["spec"]["template"]["spec"]; }
  YAML::Node daemon() const { return container_named(pod_spec(), "checkpointd"); }

 private:
  YAML::Node deployment_;
  YAML::Node config_;
};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

TEST_F(BaseDeployment, RunsOneWriterOfTheJournal) {
  EXPECT_EQ(deployment()["spec"]["replicas"].as<int>(0), 1);
  EXPECT_EQ(deployment()["spec"]["strategy"]["type"].as<std::string>(""), "Recreate")
      << "a rolling update would run two daemons on one journal";
}

TEST_F(BaseDeployment, EveryContainerRunsRestricted) {
  ASSERT_TRUE(daemon().IsDefined());
  expect_restricted(pod_spec(), "Deployment checkpointd");
}

TEST_F(BaseDeployment, UsesTheServiceAccountTokenForTheKubernetesApi) {
  EXPECT_TRUE(pod_spec()["automountServiceAccountToken"].as<bool>(false));
  EXPECT_EQ(pod_spec()["serviceAccountName"].as<std::string>(""), "checkpointd");
  EXPECT_FALSE(lookup(config(), {"kubernetes", "kubeconfig"}).IsDefined())
      << "a kubeconfig would replace in-cluster credentials";
}

TEST_F(BaseDeployment, StartsWithTheConfigFileOfTheConfigMap) {
  EXPECT_EQ(strings_of(daemon()["args"]), (std::vector<std::string>{"--config", "/etc/checkpointd/config.yaml"}));
  const auto mount = mount_covering(daemon(), "/etc/checkpointd/config.yaml");
  ASSERT_TRUE(mount.IsDefined()) << "nothing is mounted at /etc/checkpointd";
  EXPECT_EQ(mount["mountPath"].as<std::string>(), "/etc/checkpointd") << "config.yaml must be the ConfigMap's key";
  const auto volume = volume_named(pod_spec(), mount["name"].as<std::string>());
  const auto config_map = volume["configMap"]["name"].as<std::string>("");
  EXPECT_EQ(config_map, manifests().find("ConfigMap", "checkpointd-config")["metadata"]["name"].as<std::string>(""));
}

TEST_F(BaseDeployment, ProbesUseTheUnauthenticatedPathsOnTheApiPort) {
  const auto& tcp = config()["listen"]["tcp"];
  EXPECT_EQ(tcp["address"].as<std::string>(""), "0.0.0.0") << "the kubelet and the Service reach the pod's IP";
  const auto api_port = tcp["port"].as<int>(0);
  const auto& port = daemon()["ports"][0];
  EXPECT_EQ(port["containerPort"].as<int>(0), api_port);
  const auto port_name = port["name"].as<std::string>("");
  EXPECT_EQ(daemon()["livenessProbe"]["httpGet"]["path"].as<std::string>(""), "/healthz");
  EXPECT_EQ(daemon()["livenessProbe"]["httpGet"]["port"].as<std::string>(""), port_name);
  EXPECT_EQ(daemon()["readinessProbe"]["httpGet"]["path"].as<std::string>(""), "/readyz");
  EXPECT_EQ(daemon()["readinessProbe"]["httpGet"]["port"].as<std::string>(""), port_name);

  const auto service = manifests().find("Service", "checkpointd");
  ASSERT_TRUE(service.IsDefined());
  EXPECT_EQ(service["spec"]["ports"][0]["targetPort"].as<std::string>(""), port_name);
  for (const auto& label : service["spec"]["selector"]) {
    EXPECT_EQ(deployment()["spec"]["template"]["metadata"]["labels"][label.first.as<std::string>()].as<std::string>(""),
              label.second.as<std::string>())
        << "the Service does not select the daemon's pod";
  }
}

TEST_F(BaseDeployment, KeepsTheStateOnThePersistentVolumeClaim) {
  const auto state_directory = config()["state_directory"].as<std::string>("");
  const auto mount = mount_covering(daemon(), state_directory);
  ASSERT_TRUE(mount.IsDefined()) << state_directory << " is not on a volume";
  EXPECT_FALSE(mount["readOnly"].as<bool>(false));
  const auto claim = volume_named(pod_spec(), mount["name"].as<std::string>())["persistentVolumeClaim"]["claimName"];
  EXPECT_EQ(claim.as<std::string>(""), "checkpointd-state");
  EXPECT_TRUE(manifests().find("PersistentVolumeClaim", "checkpointd-state").IsDefined());
}

TEST_F(BaseDeployment, TheUnixSocketDirectoryIsWritable) {
  const auto socket = std::filesystem::path{config()["listen"]["unix_socket"].as<std::string>("")};
  const auto mount = mount_covering(daemon(), socket.parent_path().string());
  ASSERT_TRUE(mount.IsDefined()) << socket.parent_path() << " is on the read-only root filesystem";
  EXPECT_FALSE(mount["readOnly"].as<bool>(false));
}

TEST_F(BaseDeployment, MountsOnlyTheCertificateOfTheDatabaseCa) {
  const auto& cnpg = config()["clusters"][0]["cnpg"];
  const auto root_certificate = cnpg["sslrootcert"].as<std::string>("");
  ASSERT_FALSE(root_certificate.empty()) << "sslmode " << cnpg["sslmode"].as<std::string>("") << " without a CA";
  const auto mount = mount_covering(daemon(), root_certificate);
  ASSERT_TRUE(mount.IsDefined()) << root_certificate << " is not mounted";
  const auto secret = volume_named(pod_spec(), mount["name"].as<std::string>())["secret"];
  EXPECT_EQ(secret["secretName"].as<std::string>(""), cnpg["cluster"].as<std::string>() + "-ca")
      << "the CA CNPG created for the source cluster";
  ASSERT_EQ(secret["items"].size(), 1U) << "the Secret also holds the CA's private key: mount ca.crt only";
  EXPECT_EQ(secret["items"][0]["key"].as<std::string>(""), "ca.crt");
  EXPECT_EQ(mount["mountPath"].as<std::string>() + "/" + secret["items"][0]["path"].as<std::string>(""),
            root_certificate);
}

// Runs the init container's script with its mounts mapped to temporary directories and
// checks what the daemon then finds at the config's token_file and password_file.
TEST_F(BaseDeployment, SecretFilesReachTheDaemonReadableByItsUserOnly) {
  const auto init = container_named(pod_spec(), "secret-files");
  ASSERT_TRUE(init.IsDefined()) << "no init container secret-files";
  TempDir dir;
  const auto volume_dir = [&](const YAML::Node& mount) { return dir.path() / mount["name"].as<std::string>(); };
  const std::map<std::string, std::string> secret_content{
      {"token", "s3cret-t0ken\n"}, {"username", "checkpointd"}, {"password", R"(pa:ss\word)"}};
  std::string script = init["command"][2].as<std::string>("");
  ASSERT_FALSE(script.empty());
  for (const auto& mount : init["volumeMounts"]) {
    const auto volume = volume_named(pod_spec(), mount["name"].as<std::string>());
    std::filesystem::create_directories(volume_dir(mount));
    for (const auto& item : lookup(volume, {"secret", "items"})) {
      std::ofstream(volume_dir(mount) / item["path"].as<std::string>())
          << secret_content.at(item["key"].as<std::string>());
    }
    replace_all(script, mount["mountPath"].as<std::string>(), volume_dir(mount).string());
  }
  std::ofstream(dir.path() / "init.sh") << script;
  const auto ran = run_command("sh " + (dir.path() / "init.sh").string());
  ASSERT_EQ(ran.status, 0) << ran.output;

  const auto in_daemon = [&](const std::string& configured) {
    const auto mount = mount_covering(daemon(), configured);
    EXPECT_TRUE(mount.IsDefined()) << configured << " is not on a volume of the daemon";
    EXPECT_TRUE(mount_covering(init, mount["mountPath"].as<std::string>("")).IsDefined())
        << configured << " is not on a volume the init container writes";
    return volume_dir(mount) /
           std::filesystem::path{configured}.lexically_relative(mount["mountPath"].as<std::string>(""));
  };
  const auto& cnpg = config()["clusters"][0]["cnpg"];
  const auto token_file = in_daemon(config()["listen"]["tcp"]["token_file"].as<std::string>(""));
  const auto password_file = in_daemon(cnpg["password_file"].as<std::string>(""));

  const auto token = config::read_secret_file(token_file);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(token.value(), "s3cret-t0ken");
  struct stat status {};
  ASSERT_EQ(::stat(password_file.c_str(), &status), 0) << password_file;
  EXPECT_EQ(status.st_mode & 0077, 0U) << "libpq ignores a password file that group or others can read";
  EXPECT_EQ(read_text(password_file), "*:*:*:checkpointd:pa\\:ss\\\\word\n");
  EXPECT_EQ(cnpg["user"].as<std::string>(""), secret_content.at("username"))
      << "the config's user should be the role of the Secret checkpointd-db";
}

// Read from the source file, not the rendered ConfigMap, so it runs without kubectl too.
TEST(BaseConfig, PassesTheDaemonsCheck) {
  const auto binary = build_dir() / "daemon" / "checkpointd";
  ASSERT_TRUE(std::filesystem::exists(binary)) << binary << " is not built";
  const auto file = manifests_dir("base") / "config.yaml";
  const auto checked = run_command(binary.string() + " --config " + file.string() + " --check-config");
  EXPECT_EQ(checked.status, 0) << checked.output;
  EXPECT_NE(checked.output.find("configuration is valid (1 cluster(s))"), std::string::npos) << checked.output;
}

}  // namespace
}  // namespace ckpt::test
