#include "cnpg/server_certificates.hpp"

#include "cnpg/json_lookup.hpp"

namespace ckpt::cnpg {
namespace {

const boost::json::object* certificates_of(const boost::json::object& cluster, std::string_view section) {
  return object_at(object_at(&cluster, section), "certificates");
}

}  // namespace

std::optional<std::string> shared_server_ca_secret(const boost::json::object& source_cluster) {
  const auto* spec = certificates_of(source_cluster, "spec");
  if (!string_at(spec, "serverTLSSecret").empty()) return std::nullopt;
  if (auto reported = string_at(certificates_of(source_cluster, "status"), "serverCASecret"); !reported.empty()) {
    return reported;
  }
  if (auto configured = string_at(spec, "serverCASecret"); !configured.empty()) return configured;
  return string_at(object_at(&source_cluster, "metadata"), "name") + "-ca";
}

std::optional<std::string> shared_server_ca_of(const boost::json::object& recovery_cluster) {
  const auto* spec = certificates_of(recovery_cluster, "spec");
  auto secret = string_at(spec, "serverCASecret");
  if (secret.empty() || !string_at(spec, "serverTLSSecret").empty()) return std::nullopt;
  return secret;
}

}  // namespace ckpt::cnpg
