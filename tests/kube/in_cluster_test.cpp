// load_in_cluster from a service-account directory made in a temporary directory, and the
// error for each missing piece.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kube/kubeconfig.hpp"
#include "kubeapi/server/tls_certs.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::kube {
namespace {

namespace fs = std::filesystem;

class InClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir.path() / "pki");
    auto certificates = kubeapi::write_throwaway_certificates(dir.path() / "pki");
    ASSERT_TRUE(certificates) << certificates.error().message;
    account = dir.path() / "serviceaccount";
    fs::create_directories(account);
    fs::copy_file(certificates->ca_file, account / "ca.crt");
    std::ofstream(account / "token") << "projected-token\n";
    std::ofstream(account / "namespace") << "payments";
  }

  InClusterEnvironment environment(std::string host = "10.96.0.1") const {
    return InClusterEnvironment{std::move(host), "443", account};
  }

  test::TempDir dir{"incluster"};
  fs::path account;
};

TEST_F(InClusterTest, ReadsTheServiceAccount) {
  auto loaded = load_in_cluster(environment());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.to_string(), "https://10.96.0.1:443");
  EXPECT_EQ(loaded->endpoint.ca_file, (account / "ca.crt").string());
  EXPECT_FALSE(loaded->endpoint.insecure_skip_verify);
  EXPECT_EQ(loaded->token_file, account / "token") << "kept as a file: the token rotates";
  EXPECT_TRUE(loaded->token.empty());
  EXPECT_EQ(loaded->namespace_name, "payments");
  EXPECT_EQ(loaded->credentials, "service-account token " + (account / "token").string() + " (in-cluster)");
}

TEST_F(InClusterTest, AnIpv6ServiceHost) {
  auto loaded = load_in_cluster(environment("fd00:10:96::1"));
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->endpoint.host, "fd00:10:96::1");
  EXPECT_EQ(loaded->endpoint.to_string(), "https://[fd00:10:96::1]:443");
}

TEST_F(InClusterTest, WithoutANamespaceFileTheNamespaceIsDefault) {
  fs::remove(account / "namespace");
  auto loaded = load_in_cluster(environment());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->namespace_name, "default");
}

TEST_F(InClusterTest, OutsideAPod) {
  auto loaded = load_in_cluster(InClusterEnvironment{"", "", account});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::bad_request);
  EXPECT_EQ(loaded.error().message,
            "in-cluster Kubernetes credentials: KUBERNETES_SERVICE_HOST and "
            "KUBERNETES_SERVICE_PORT are not set, so this is not a pod; or set "
            "kubernetes.kubeconfig to use a kubeconfig file");
}

TEST_F(InClusterTest, MissingToken) {
  fs::remove(account / "token");
  auto loaded = load_in_cluster(environment());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "in-cluster Kubernetes credentials: the service-account token " +
                                        (account / "token").string() +
                                        " cannot be read: No such file or directory; mount it "
                                        "(automountServiceAccountToken: true); or set kubernetes.kubeconfig to use a "
                                        "kubeconfig file");
}

TEST_F(InClusterTest, MissingCa) {
  fs::remove(account / "ca.crt");
  auto loaded = load_in_cluster(environment());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, "in-cluster Kubernetes credentials: the service-account CA " +
                                        (account / "ca.crt").string() +
                                        " cannot be read: No such file or directory; or set "
                                        "kubernetes.kubeconfig to use a kubeconfig file");
}

TEST_F(InClusterTest, InvalidPort) {
  auto loaded = load_in_cluster(InClusterEnvironment{"10.96.0.1", "https", account});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "in-cluster Kubernetes credentials: KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT "
            "give \"https://10.96.0.1:https\", which is not a valid address; or set "
            "kubernetes.kubeconfig to use a kubeconfig file");
}

TEST(InClusterEnvironmentTest, ComesFromTheProcessEnvironment) {
  ::setenv("KUBERNETES_SERVICE_HOST", "10.0.0.1", 1);
  ::setenv("KUBERNETES_SERVICE_PORT", "6443", 1);
  const auto environment = InClusterEnvironment::from_process();
  ::unsetenv("KUBERNETES_SERVICE_HOST");
  ::unsetenv("KUBERNETES_SERVICE_PORT");
  EXPECT_EQ(environment.service_host, "10.0.0.1");
  EXPECT_EQ(environment.service_port, "6443");
  EXPECT_EQ(environment.service_account_dir, fs::path("/var/run/secrets/kubernetes.io/serviceaccount"));
}

}  // namespace
}  // namespace ckpt::kube
