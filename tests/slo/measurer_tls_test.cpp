// TLS of the Measurer's HTTP paths against an HTTPS server whose certificate a throwaway
// CA signed: a Prometheus server is verified against its ca_file (or not at all when
// insecure_skip_tls_verify), an HTTP probe against the system's CAs.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <stdexcept>

#include "kubeapi/server/tls_certs.hpp"
#include "measurer_harness.hpp"
#include "support/temp_dir.hpp"
#include "test_servers.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kToken = "tls-token";

class TlsMeasurement : public ::testing::Test {
 protected:
  TlsMeasurement() {
    std::ofstream(directory_.path() / "token") << kToken;
    net::HttpResponse answer;
    answer.body = R"({"status":"success","data":{"resultType":"scalar","result":[1,"7"]}})";
    server_->answer_with(answer);
  }

  static kubeapi::ServerCertificates certificates(const std::filesystem::path& directory) {
    auto written = kubeapi::write_throwaway_certificates(directory);
    if (!written) throw std::runtime_error(written.error().message);
    return *written;
  }

  Measured query(std::string ca_file, bool insecure) {
    config::PrometheusServer server;
    server.name = "secure";
    server.url = server_->url();
    server.bearer_token_file = directory_.path() / "token";
    server.ca_file = std::move(ca_file);
    server.insecure_skip_tls_verify = insecure;
    config::Config config;
    config.prometheus.push_back(server);
    MeasurerHarness harness(config);
    return harness.measure(PrometheusQuery{"secure", "up", std::nullopt}, 2s);
  }

  TempDir directory_{"slo-tls"};
  kubeapi::ServerCertificates certificates_ = certificates(directory_.path());
  std::unique_ptr<RecordingServer> server_ = std::make_unique<RecordingServer>(
      kToken, net::TlsServerFiles{certificates_.cert_file.string(), certificates_.key_file.string()});
};

TEST_F(TlsMeasurement, APrometheusServerIsVerifiedAgainstItsCaFile) {
  EXPECT_EQ(describe(query(certificates_.ca_file.string(), false).result), "7");
  EXPECT_EQ(server_->requests().size(), 1U);
}

TEST_F(TlsMeasurement, WithoutItsCaFileTheCertificateIsRefused) {
  auto measured = query("", false);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::unreachable);
  EXPECT_NE(measured.result.error().message.find("certificate verify failed"), std::string::npos)
      << measured.result.error().message;
  EXPECT_TRUE(server_->requests().empty());
}

TEST_F(TlsMeasurement, InsecureSkipTlsVerifyTakesAnyCertificate) {
  EXPECT_EQ(describe(query("", true).result), "7");
}

TEST_F(TlsMeasurement, AnHttpProbeTrustsOnlyTheSystemsCAs) {
  MeasurerHarness harness;
  auto measured = harness.measure(HttpProbe{server_->url("/healthz"), "", {200}, {}}, 2s);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_NE(measured.result.error().message.find("certificate verify failed"), std::string::npos)
      << measured.result.error().message;
}

}  // namespace
}  // namespace ckpt::test
