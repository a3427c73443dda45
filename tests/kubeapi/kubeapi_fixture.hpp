// Test support for the Kubernetes API test server: a gtest fixture that starts a server
// (with the shared CNPG CRDs when they exist) and three tokens, an HTTPS client bound to it
// (net::request_blocking), and JSON helpers. Tests that need the real CRD schemas call
// SKIP_WITHOUT_CRDS() first.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "net/http_client.hpp"

namespace ckpt::kubeapi::testing {

inline constexpr const char* kWriterToken = "writer-token-5f1c";
inline constexpr const char* kReaderToken = "reader-token-92ab";
inline constexpr const char* kAdminToken = "admin-token-0d7e";

#define SKIP_WITHOUT_CRDS()                                                                             \
  do {                                                                                                  \
    if (!::ckpt::kubeapi::shared_crd_dir()) {                                                           \
      GTEST_SKIP() << "the CNPG CRDs are not at $CHECKPOINTD_SOURCE_DIR/../shared/cnpg-crds: skipping"; \
    }                                                                                                   \
  } while (false)

struct Reply {
  int status = 0;
  net::HttpResponse raw;
  boost::json::value json;  // the parsed body; null when it is not JSON

  const boost::json::object& object() const { return json.as_object(); }
  std::string text(std::string_view key) const;  // a top-level string field, "" when absent
};

// Starts one server per test.
class KubeApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  virtual KubeApiServerOptions options() const { return {}; }

  Reply call(const std::string& method, const std::string& target, const std::string& body = {},
             const std::string& token = kWriterToken, net::HttpHeaders headers = {}) const;
  Reply call(const std::string& method, const std::string& target, const boost::json::object& body,
             const std::string& token = kWriterToken) const {
    return call(method, target, boost::json::serialize(body), token);
  }

  std::unique_ptr<KubeApiServer> server;
};

boost::json::object backup_manifest(const std::string& name, const std::string& cluster,
                                    const std::string& namespace_name = "develop");
boost::json::object cluster_manifest(const std::string& name, const std::string& namespace_name = "develop");

// The error of creating the object in the store; fails the test if the create succeeds.
Error rejection(ResourceStore& store, boost::json::object object);

// The path of a CNPG collection or object in the develop namespace, e.g.
// cnpg_path("backups", "b1") == "/apis/postgresql.cnpg.io/v1/namespaces/develop/backups/b1".
std::string cnpg_path(const std::string& plural, const std::string& name = {});

}  // namespace ckpt::kubeapi::testing
