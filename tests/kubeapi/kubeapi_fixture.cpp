#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi::testing {

std::string Reply::text(std::string_view key) const {
  if (!json.is_object()) return {};
  const auto* value = json.get_object().if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

void KubeApiTest::SetUp() {
  auto started = KubeApiServer::start(options());
  ASSERT_TRUE(started) << started.error().message;
  server = std::move(started.value());
  server->add_token(kWriterToken);
  server->add_token(kReaderToken, true);
  server->add_admin_token(kAdminToken);
}

Reply KubeApiTest::call(const std::string& method, const std::string& target, const std::string& body,
                        const std::string& token, net::HttpHeaders headers) const {
  net::Endpoint endpoint;
  endpoint.kind = net::Endpoint::Kind::tcp;
  endpoint.host = "127.0.0.1";
  endpoint.port = server->port();
  endpoint.tls = true;
  endpoint.ca_file = server->ca_file().string();
  net::HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = body;
  request.headers = std::move(headers);
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty() && request.header("Content-Type").empty()) {
    request.headers.emplace_back("Content-Type",
                                 method == "PATCH" ? "application/merge-patch+json" : "application/json");
  }
  net::ClientOptions client_options;
  client_options.peer_name = "kube-api test server";
  auto response =
      net::request_blocking(endpoint, std::move(request), std::chrono::seconds(20), client_options);
  Reply reply;
  if (!response) {
    ADD_FAILURE() << method << " " << target << ": " << response.error().message;
    return reply;
  }
  reply.status = response->status;
  reply.raw = std::move(*response);
  boost::system::error_code error;
  auto parsed = boost::json::parse(reply.raw.body, error);
  if (!error) reply.json = std::move(parsed);
  return reply;
}

boost::json::object backup_manifest(const std::string& name, const std::string& cluster,
                                    const std::string& namespace_name) {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Backup"},
          {"metadata", {{"name", name}, {"namespace", namespace_name}}},
          {"spec",
           {{"cluster", {{"name", cluster}}},
            {"method", "plugin"},
            {"pluginConfiguration", {{"name", "barman-cloud.cloudnative-pg.io"}}}}}};
}

boost::json::object cluster_manifest(const std::string& name, const std::string& namespace_name) {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", name}, {"namespace", namespace_name}}},
          {"spec", {{"instances", 1}, {"storage", {{"size", "1Gi"}}}}}};
}

Error rejection(ResourceStore& store, boost::json::object object) {
  auto result = store.create(std::move(object));
  if (result) {
    ADD_FAILURE() << "expected " << metadata_field(*result, "name") << " to be rejected";
    return {};
  }
  return result.error();
}

std::string cnpg_path(const std::string& plural, const std::string& name) {
  std::string path = "/apis/postgresql.cnpg.io/v1/namespaces/develop/" + plural;
  return name.empty() ? path : path + "/" + name;
}

}  // namespace ckpt::kubeapi::testing
