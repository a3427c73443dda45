#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

#include "server_fixture.hpp"

namespace ckpt::net {
namespace {

using testing::kToken;
using namespace std::chrono_literals;

// A throwaway CA and a server certificate for 127.0.0.1 and localhost, made once with the
// openssl command-line tool.
class TlsTest : public testing::ServerFixture {
 protected:
  static void SetUpTestSuite() {
    pki_ = std::make_unique<testing::TempDir>();
    std::ofstream(pki_->file("make-pki.sh"))
        << "set -e\n"
           "cd \"$(dirname \"$0\")\"\n"
           "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \\\n"
           "  -subj '/CN=checkpointd test CA' -keyout ca.key -out ca.crt \\\n"
           "  -addext basicConstraints=critical,CA:TRUE -addext "
           "keyUsage=critical,keyCertSign,cRLSign\n"
           "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \\\n"
           "  -subj '/CN=localhost' -keyout server.key -out server.csr\n"
           "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n"
           "extendedKeyUsage=serverAuth\\n' > server.ext\n"
           "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \\\n"
           "  -extfile server.ext -out server.crt\n";
    const std::string command =
        "sh '" + pki_->file("make-pki.sh") + "' > '" + pki_->file("openssl.log") + "' 2>&1";
    generated_ = std::system(command.c_str()) == 0;
  }

  static void TearDownTestSuite() { pki_.reset(); }

  void SetUp() override {
    ASSERT_TRUE(generated_) << "openssl failed; see " << pki_->file("openssl.log");
  }

  static TlsServerFiles server_files() {
    return {pki_->file("server.crt"), pki_->file("server.key")};
  }

  Endpoint tls_endpoint(std::string host = "127.0.0.1") const {
    Endpoint endpoint = tcp_endpoint(std::move(host), true);
    endpoint.ca_file = pki_->file("ca.crt");
    return endpoint;
  }

  static inline std::unique_ptr<testing::TempDir> pki_;
  static inline bool generated_ = false;
};

TEST_F(TlsTest, ClientTrustingTheCaSucceedsByIpAndByName) {
  ASSERT_NO_FATAL_FAILURE(start_tcp(server_files()));
  for (const char* host : {"127.0.0.1", "localhost"}) {
    auto response = call(tls_endpoint(host), get("/v1/checkpoints", kToken));
    ASSERT_TRUE(response.ok()) << host << ": " << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(json_of(*response).at("path").as_string(), "/v1/checkpoints");
  }
}

TEST_F(TlsTest, TokenIsRequiredOverTlsToo) {
  ASSERT_NO_FATAL_FAILURE(start_tcp(server_files()));
  auto response = call(tls_endpoint(), get("/v1/checkpoints"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 401);
}

TEST_F(TlsTest, ClientWithoutTheCaFailsVerification) {
  ASSERT_NO_FATAL_FAILURE(start_tcp(server_files()));
  Endpoint endpoint = tls_endpoint();
  endpoint.ca_file.clear();  // system CAs only
  auto response = call(endpoint, get("/v1/checkpoints", kToken));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::unreachable);
  EXPECT_NE(response.error().message.find("certificate verify"), std::string::npos)
      << response.error().message;
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(TlsTest, InsecureSkipVerifySucceedsWithoutTheCa) {
  ASSERT_NO_FATAL_FAILURE(start_tcp(server_files()));
  Endpoint endpoint = tls_endpoint();
  endpoint.ca_file.clear();
  endpoint.insecure_skip_verify = true;
  auto response = call(endpoint, get("/v1/checkpoints", kToken));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(TlsTest, UnreadableCertificateFileIsReportedByName) {
  HttpServer tls_server(io.executor(), echo_handler(), options_with_token());
  auto port = tls_server.listen_tcp(
      "127.0.0.1", 0, TlsServerFiles{dir.file("missing.crt"), dir.file("missing.key")});
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.error().message.find("TLS certificate file \"" + dir.file("missing.crt") + "\""),
            std::string::npos)
      << port.error().message;
}

TEST_F(TlsTest, UnreadableCaFileIsReportedByName) {
  Endpoint endpoint = tls_endpoint();
  endpoint.port = 1;
  endpoint.ca_file = dir.file("missing-ca.crt");
  auto response = call(endpoint, get("/v1/checkpoints"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::bad_request);
  EXPECT_NE(response.error().message.find("TLS CA file \"" + dir.file("missing-ca.crt") + "\""),
            std::string::npos)
      << response.error().message;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST_F(TlsTest, CaHeldInMemoryIsTrusted) {
  ASSERT_NO_FATAL_FAILURE(start_tcp(server_files()));
  Endpoint endpoint = tls_endpoint("localhost");
  endpoint.ca_pem = read_file(endpoint.ca_file);
  endpoint.ca_file.clear();
  auto response = call(endpoint, get("/v1/checkpoints", kToken));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
}

TEST_F(TlsTest, CaDataThatIsNotPemIsRejectedBeforeConnecting) {
  Endpoint endpoint = tls_endpoint();
  endpoint.ca_file.clear();
  endpoint.ca_pem = "not a certificate";
  auto checked = check_tls_settings(endpoint);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, ErrorCode::bad_request);
  EXPECT_TRUE(checked.error().message.starts_with("TLS CA certificate data cannot be used: "))
      << checked.error().message;
}

TEST_F(TlsTest, ClientCertificateAndKeyFromMemoryMustMatch) {
  Endpoint endpoint = tls_endpoint();
  endpoint.client_cert_pem = read_file(pki_->file("server.crt"));
  endpoint.client_key_pem = read_file(pki_->file("server.key"));
  auto matching = check_tls_settings(endpoint);
  EXPECT_TRUE(matching.ok()) << matching.error().message;

  endpoint.client_key_pem = read_file(pki_->file("ca.key"));
  auto mismatched = check_tls_settings(endpoint);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_TRUE(mismatched.error().message.starts_with("TLS client key data cannot be used: "))
      << mismatched.error().message;
}

TEST_F(TlsTest, ClientKeyFileIsNamedWhenUnreadable) {
  Endpoint endpoint = tls_endpoint();
  endpoint.client_cert_file = pki_->file("server.crt");
  endpoint.client_key_file = dir.file("missing.key");
  auto checked = check_tls_settings(endpoint);
  ASSERT_FALSE(checked.ok());
  EXPECT_NE(checked.error().message.find("TLS client key file \"" + dir.file("missing.key") + "\""),
            std::string::npos)
      << checked.error().message;
}

}  // namespace
}  // namespace ckpt::net
