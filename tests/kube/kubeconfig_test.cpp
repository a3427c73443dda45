// load_kubeconfig: every supported auth kind, "-data" versus file fields, relative paths,
// named and current contexts, and the exact error for each way a kubeconfig can be wrong.
#include "kube/kubeconfig.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kubeapi/server/base64.hpp"
#include "kubeapi/server/tls_certs.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::kube {
namespace {

namespace fs = std::filesystem;
using kubeapi::base64_encode;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A kubeconfig with one cluster "dev", one user "dev-user" and one context "dev", the
// current one. The bodies are the mappings' lines, indented by four spaces.
std::string one_context(const std::string& cluster_body, const std::string& user_body,
                        const std::string& context_extra = "    namespace: develop\n") {
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: dev\n  cluster:\n" + cluster_body +
         "users:\n- name: dev-user\n  user:\n" + user_body +
         "contexts:\n- name: dev\n  context:\n    cluster: dev\n    user: dev-user\n" + context_extra +
         "current-context: dev\n";
}

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir.path() / "pki");
    auto certificates = kubeapi::write_throwaway_certificates(dir.path() / "pki");
    ASSERT_TRUE(certificates) << certificates.error().message;
    pki = *certificates;
  }

  fs::path write(const std::string& text, const fs::path& relative = "config") {
    const fs::path path = dir.path() / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path;
  }

  std::string server_with_ca_data() const {
    return "    server: https://kube.example:6443\n    certificate-authority-data: " + base64_encode(pki.ca_pem) + "\n";
  }

  // The message load_kubeconfig gives for this kubeconfig text.
  std::string error_for(const std::string& text, std::string_view context = {}) {
    const fs::path path = write(text);
    auto loaded = load_kubeconfig(path, context);
    if (loaded) return "(loaded)";
    EXPECT_EQ(loaded.error().code, ErrorCode::bad_request);
    return loaded.error().message;
  }

  std::string prefix() const { return "kubeconfig " + (dir.path() / "config").string() + ": "; }

  test::TempDir dir{"kubecfg"};
  kubeapi::ServerCertificates pki;
};

TEST_F(KubeconfigTest, TokenUserWithCaDataInTheCurrentContext) {
  const auto path = write(one_context(server_with_ca_data(), "    token: s3cr3t-token\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  const KubeConnection& connection = *loaded;
  EXPECT_EQ(connection.endpoint.to_string(), "https://kube.example:6443");
  EXPECT_TRUE(connection.endpoint.tls);
  EXPECT_EQ(connection.endpoint.ca_pem, pki.ca_pem);
  EXPECT_TRUE(connection.endpoint.ca_file.empty());
  EXPECT_FALSE(connection.endpoint.insecure_skip_verify);
  EXPECT_EQ(connection.token, "s3cr3t-token");
  EXPECT_TRUE(connection.token_file.empty());
  EXPECT_EQ(connection.namespace_name, "develop");
  EXPECT_EQ(connection.path_prefix, "");
  EXPECT_EQ(connection.credentials,
            "bearer token of user \"dev-user\" in kubeconfig " + path.string() + " (context \"dev\")");
  EXPECT_EQ(connection.credentials.find("s3cr3t"), std::string::npos) << "never the secret";
}

TEST_F(KubeconfigTest, ANamedContextPicksItsOwnClusterUserAndNamespace) {
  const std::string text =
      "clusters:\n"
      "- name: a\n  cluster:\n    server: https://a.example\n    certificate-authority: pki/ca.crt\n"
      "- name: b\n  cluster:\n    server: https://10.1.2.3:8443\n    certificate-authority: pki/ca.crt\n"
      "users:\n"
      "- name: ua\n  user:\n    token: token-a\n"
      "- name: ub\n  user:\n    token: token-b\n"
      "contexts:\n"
      "- name: first\n  context:\n    cluster: a\n    user: ua\n    namespace: one\n"
      "- name: second\n  context:\n    cluster: b\n    user: ub\n"
      "current-context: first\n";
  const auto path = write(text);
  auto current = load_kubeconfig(path);
  ASSERT_TRUE(current) << current.error().message;
  EXPECT_EQ(current->endpoint.to_string(), "https://a.example:443");
  EXPECT_EQ(current->token, "token-a");
  EXPECT_EQ(current->namespace_name, "one");

  auto second = load_kubeconfig(path, "second");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->endpoint.to_string(), "https://10.1.2.3:8443");
  EXPECT_EQ(second->token, "token-b");
  EXPECT_EQ(second->namespace_name, "default") << "a context without a namespace means default";
}

TEST_F(KubeconfigTest, RelativeFilePathsResolveAgainstTheKubeconfigsDirectory) {
  const auto path = write(one_context("    server: https://kube.example\n"
                                      "    certificate-authority: ../pki/ca.crt\n",
                                      "    client-certificate: ../pki/server.crt\n"
                                      "    client-key: ../pki/server.key\n"),
                          "kube/config");
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(fs::equivalent(loaded->endpoint.ca_file, pki.ca_file)) << loaded->endpoint.ca_file;
  EXPECT_TRUE(fs::equivalent(loaded->endpoint.client_cert_file, pki.cert_file));
  EXPECT_TRUE(fs::equivalent(loaded->endpoint.client_key_file, pki.key_file));
  EXPECT_TRUE(loaded->token.empty());
  EXPECT_EQ(loaded->credentials,
            "client certificate of user \"dev-user\" in kubeconfig " + path.string() + " (context \"dev\")");
}

TEST_F(KubeconfigTest, AbsolutePathsAreKeptAsTheyAre) {
  const auto path =
      write(one_context("    server: https://kube.example\n"
                        "    certificate-authority: " +
                            pki.ca_file.string() + "\n",
                        "    token: t\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.ca_file, pki.ca_file.string());
}

TEST_F(KubeconfigTest, ClientCertificateAndKeyAsData) {
  const std::string cert = read(pki.cert_file);
  const std::string key = read(pki.key_file);
  const auto path =
      write(one_context(server_with_ca_data(), "    client-certificate-data: " + base64_encode(cert) +
                                                   "\n    client-key-data: " + base64_encode(key) + "\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.client_cert_pem, cert);
  EXPECT_EQ(loaded->endpoint.client_key_pem, key);
  EXPECT_TRUE(loaded->endpoint.client_cert_file.empty());
}

TEST_F(KubeconfigTest, DataWinsOverTheFileForm) {
  const auto path =
      write(one_context("    server: https://kube.example\n    certificate-authority: does-not-exist.crt\n"
                        "    certificate-authority-data: " +
                            base64_encode(pki.ca_pem) + "\n",
                        "    token: t\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.ca_pem, pki.ca_pem);
  EXPECT_TRUE(loaded->endpoint.ca_file.empty());
}

TEST_F(KubeconfigTest, TokenFileIsKeptAsAFileToFollowRotation) {
  write("rotating-token\n", "secrets/token");
  const auto path = write(one_context(server_with_ca_data(), "    tokenFile: secrets/token\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(loaded->token.empty());
  EXPECT_EQ(loaded->token_file, dir.path() / "secrets/token");
  EXPECT_EQ(loaded->credentials, "bearer token file " + (dir.path() / "secrets/token").string() +
                                     " of user \"dev-user\" in kubeconfig " + path.string() + " (context \"dev\")");
}

TEST_F(KubeconfigTest, TokenWinsOverTokenFileAndCombinesWithAClientCertificate) {
  const auto path = write(one_context(server_with_ca_data(),
                                      "    token: inline\n    tokenFile: missing-is-fine\n"
                                      "    client-certificate: pki/server.crt\n"
                                      "    client-key: pki/server.key\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->token, "inline");
  EXPECT_TRUE(loaded->token_file.empty());
  EXPECT_TRUE(loaded->credentials.starts_with("bearer token and client certificate of user")) << loaded->credentials;
}

TEST_F(KubeconfigTest, InsecureSkipTlsVerifyOnlyWhenTheKubeconfigSaysSo) {
  const auto path =
      write(one_context("    server: https://kube.example\n"
                        "    insecure-skip-tls-verify: true\n",
                        "    token: t\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(loaded->endpoint.insecure_skip_verify);
}

TEST_F(KubeconfigTest, ServerUrlMayCarryAPathPrefix) {
  const auto path =
      write(one_context("    server: https://rancher.example/k8s/clusters/c-1/\n"
                        "    certificate-authority: pki/ca.crt\n",
                        "    token: t\n"));
  auto loaded = load_kubeconfig(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.host, "rancher.example");
  EXPECT_EQ(loaded->endpoint.port, 443);
  EXPECT_EQ(loaded->path_prefix, "/k8s/clusters/c-1");
  EXPECT_EQ(loaded->server(), "https://rancher.example:443/k8s/clusters/c-1");
}

TEST_F(KubeconfigTest, MissingFile) {
  auto loaded = load_kubeconfig(dir.path() / "nope");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "kubeconfig " + (dir.path() / "nope").string() +
                                        " cannot be read: No such file or directory; point kubernetes.kubeconfig at a "
                                        "readable kubeconfig file");
}

TEST_F(KubeconfigTest, InvalidYaml) {
  EXPECT_EQ(error_for("clusters: [\n"), "kubeconfig " + (dir.path() / "config").string() +
                                            " is not valid YAML: end of sequence flow not found (line 2)");
}

TEST_F(KubeconfigTest, NotAMapping) {
  EXPECT_EQ(error_for("- a\n- b\n"),
            prefix() + "it is not a kubeconfig (expected a mapping with clusters, users and contexts)");
}

TEST_F(KubeconfigTest, UnknownContextListsTheKnownOnes) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    token: t\n"), "prod"),
            prefix() + "context \"prod\" not found (contexts: \"dev\")");
}

TEST_F(KubeconfigTest, NoContextAtAll) {
  EXPECT_EQ(error_for("clusters: []\nusers: []\ncontexts: []\n"),
            prefix() +
                "no context was named and current-context is not set; set "
                "kubernetes.context or current-context");
}

TEST_F(KubeconfigTest, ContextNamingAMissingCluster) {
  std::string text = one_context(server_with_ca_data(), "    token: t\n");
  text.replace(text.find("cluster: dev"), 12, "cluster: gone");
  EXPECT_EQ(error_for(text),
            prefix() + "context \"dev\" names cluster \"gone\", which is not in clusters (it has \"dev\")");
}

TEST_F(KubeconfigTest, ContextNamingAMissingUser) {
  std::string text = one_context(server_with_ca_data(), "    token: t\n");
  text.replace(text.find("user: dev-user"), 14, "user: ghost");
  EXPECT_EQ(error_for(text), prefix() +
                                 "context \"dev\" names user \"ghost\", which is not in "
                                 "users (it has \"dev-user\")");
}

TEST_F(KubeconfigTest, ContextWithoutUser) {
  std::string text = one_context(server_with_ca_data(), "    token: t\n");
  text.erase(text.find("    user: dev-user\n"), 19);
  EXPECT_EQ(error_for(text), prefix() + "context \"dev\" has no user");
}

TEST_F(KubeconfigTest, ClusterWithoutServer) {
  EXPECT_EQ(error_for(one_context("    certificate-authority: pki/ca.crt\n", "    token: t\n")),
            prefix() + "cluster \"dev\" has no server");
}

TEST_F(KubeconfigTest, PlainHttpServerIsRefused) {
  EXPECT_EQ(error_for(one_context("    server: http://kube.example:8080\n", "    token: t\n")),
            prefix() +
                "cluster \"dev\": server \"http://kube.example:8080\" must be an https:// "
                "URL; checkpointd talks to the Kubernetes API over TLS only");
}

TEST_F(KubeconfigTest, UnreadableCaFileIsNamedWithItsResolvedPath) {
  EXPECT_EQ(error_for(one_context("    server: https://kube.example\n"
                                  "    certificate-authority: missing.crt\n",
                                  "    token: t\n")),
            prefix() + "cluster \"dev\": certificate-authority \"" + (dir.path() / "missing.crt").string() +
                "\" cannot be read: No such file or directory");
}

TEST_F(KubeconfigTest, CaDataThatIsNotBase64) {
  EXPECT_EQ(error_for(one_context("    server: https://kube.example\n"
                                  "    certificate-authority-data: \"!!not base64!!\"\n",
                                  "    token: t\n")),
            prefix() + "cluster \"dev\": certificate-authority-data is not valid base64");
}

TEST_F(KubeconfigTest, CaDataThatIsNotPem) {
  const std::string message = error_for(
      one_context("    server: https://kube.example\n    certificate-authority-data: " + base64_encode("hello") + "\n",
                  "    token: t\n"));
  EXPECT_TRUE(message.starts_with(prefix() + "context \"dev\": TLS CA certificate data cannot be used: ")) << message;
}

TEST_F(KubeconfigTest, InsecureTogetherWithACaIsRefused) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data() + "    insecure-skip-tls-verify: true\n", "    token: t\n")),
            prefix() +
                "cluster \"dev\": insecure-skip-tls-verify cannot be combined with "
                "certificate-authority or certificate-authority-data; remove one");
}

TEST_F(KubeconfigTest, InsecureFlagMustBeABoolean) {
  EXPECT_EQ(error_for(one_context("    server: https://kube.example\n"
                                  "    insecure-skip-tls-verify: maybe\n",
                                  "    token: t\n")),
            prefix() + "cluster \"dev\": insecure-skip-tls-verify must be true or false");
}

TEST_F(KubeconfigTest, TlsServerNameIsRefused) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data() + "    tls-server-name: other\n", "    token: t\n")),
            prefix() +
                "cluster \"dev\": tls-server-name is not supported; connect to the API "
                "server's own address instead");
}

TEST_F(KubeconfigTest, ExecPluginsAreRefused) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    exec:\n      command: aws\n      apiVersion: x\n")),
            prefix() +
                "user \"dev-user\": exec credential plugins are not supported; give the "
                "user a token, tokenFile or client-certificate and client-key");
}

TEST_F(KubeconfigTest, BasicAuthIsRefused) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    username: u\n    password: p\n")),
            prefix() +
                "user \"dev-user\": username/password (basic auth) is not supported; give "
                "the user a token, tokenFile or client-certificate and client-key");
}

TEST_F(KubeconfigTest, ClientCertificateWithoutKey) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    client-certificate: pki/server.crt\n")),
            prefix() +
                "user \"dev-user\": client-certificate is set but neither client-key nor "
                "client-key-data is");
}

TEST_F(KubeconfigTest, UserWithoutCredentials) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    {}\n")),
            prefix() +
                "user \"dev-user\" has no credentials; give the user a token, tokenFile or "
                "client-certificate and client-key");
}

TEST_F(KubeconfigTest, UnreadableTokenFile) {
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    tokenFile: /nonexistent/token\n")),
            prefix() +
                "user \"dev-user\": tokenFile \"/nonexistent/token\" cannot be read: No such "
                "file or directory");
}

TEST_F(KubeconfigTest, MismatchedClientKeyIsReportedWhenLoading) {
  const std::string message = error_for(
      one_context(server_with_ca_data(), "    client-certificate: pki/server.crt\n    client-key: pki/ca.crt\n"));
  EXPECT_TRUE(message.starts_with(prefix() + "context \"dev\": TLS client key file \"")) << message;
}

// A device or a FIFO would be read forever (/dev/zero) or block (a FIFO without writer).
TEST_F(KubeconfigTest, FilesThatAreNotRegularFilesAreRefused) {
  EXPECT_EQ(error_for(one_context("    server: https://kube.example\n"
                                  "    certificate-authority: /dev/null\n",
                                  "    token: t\n")),
            prefix() + "cluster \"dev\": certificate-authority \"/dev/null\" cannot be read: it is not a regular file");
  EXPECT_EQ(error_for(one_context(server_with_ca_data(), "    tokenFile: /dev/null\n")),
            prefix() + "user \"dev-user\": tokenFile \"/dev/null\" cannot be read: it is not a regular file");
}

TEST_F(KubeconfigTest, TextIsParsedAsIfReadFromItsPath) {
  const std::string text =
      one_context("    server: https://kube.example\n    certificate-authority: pki/ca.crt\n", "    token: t\n");
  auto parsed = parse_kubeconfig(text, dir.path() / "config");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->endpoint.ca_file, (dir.path() / "pki/ca.crt").string());
  EXPECT_EQ(parsed->namespace_name, "develop");
  auto elsewhere = parse_kubeconfig(text, "/nonexistent/kubeconfig");
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().message,
            "kubeconfig /nonexistent/kubeconfig: cluster \"dev\": certificate-authority \"/nonexistent/pki/ca.crt\" "
            "cannot be read: No such file or directory");
}

}  // namespace
}  // namespace ckpt::kube
