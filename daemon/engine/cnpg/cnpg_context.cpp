#include "engine/cnpg/cnpg_context.hpp"

#include "cnpg/server_certificates.hpp"
#include "config/host_template.hpp"

namespace ckpt::engine::cnpg {
namespace {

kube::ResourceRef cnpg_resource(std::string plural, const std::string& namespace_name, std::string name) {
  return {"postgresql.cnpg.io", "v1", std::move(plural), namespace_name, std::move(name)};
}

bool verifies_server(std::string_view sslmode) { return sslmode == "verify-ca" || sslmode == "verify-full"; }

}  // namespace

RestoredCa restored_ca_of(const boost::json::object& recovery_cluster) {
  return ckpt::cnpg::shared_server_ca_of(recovery_cluster) ? RestoredCa::source : RestoredCa::own;
}

kube::ResourceRef CnpgContext::backups(std::string name) const {
  return cnpg_resource("backups", cnpg.namespace_name, std::move(name));
}

kube::ResourceRef CnpgContext::clusters(std::string name) const {
  return cnpg_resource("clusters", cnpg.namespace_name, std::move(name));
}

std::string CnpgContext::label(std::string_view kind, std::string_view name) const {
  return std::string{kind} + " " + cnpg.namespace_name + "/" + std::string{name};
}

pg::ConnParams CnpgContext::source_connection(std::chrono::milliseconds timeout) const {
  pg::ConnParams params;
  // CnpgEngine's constructor refuses an invalid template, so expanding it cannot fail.
  params.host = *config::expand_host_template(cnpg.rw_host, cnpg.cluster_name, cnpg.namespace_name);
  params.port = cnpg.rw_port;
  params.user = cnpg.user;
  params.dbname = cnpg.database;
  params.passfile = cnpg.password_file;
  params.sslmode = cnpg.sslmode;
  params.sslrootcert = cnpg.sslrootcert;
  params.connect_timeout = timeout;
  params.statement_timeout = timeout;
  return params;
}

pg::ConnParams CnpgContext::restored_connection(std::string_view recovery_cluster, RestoredCa ca,
                                                std::chrono::milliseconds timeout) const {
  auto params = source_connection(timeout);
  params.host = *config::expand_host_template(cnpg.rw_host, recovery_cluster, cnpg.namespace_name);
  if (ca == RestoredCa::own && verifies_server(params.sslmode)) {
    params.sslmode = "require";
    params.sslrootcert.clear();
  }
  return params;
}

std::optional<std::string> CnpgContext::unverified_tls(std::string_view recovery_cluster, RestoredCa ca) const {
  if (ca == RestoredCa::source || !verifies_server(cnpg.sslmode)) return std::nullopt;
  return "the connection to " + label("Cluster", recovery_cluster) +
         " is encrypted but its server is not verified (sslmode require instead of " + cnpg.sslmode + "): the source " +
         label("Cluster", cnpg.cluster_name) +
         " uses a user-provided server certificate (spec.certificates.serverTLSSecret), whose CA Secret cannot sign "
         "one for the new Cluster, so CNPG issued the new Cluster a CA of its own, which checkpointd cannot read";
}

}  // namespace ckpt::engine::cnpg
