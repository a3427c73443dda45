// Which CA signs a recovery Cluster's server certificate, so that the daemon's TLS
// connection to it stays verified (sslmode verify-ca / verify-full with the source's CA
// as sslrootcert).
// - A source with operator-managed server certificates (no spec.certificates.serverTLSSecret)
//   has a server CA Secret holding ca.crt AND ca.key: status.certificates.serverCASecret,
//   else spec.certificates.serverCASecret, else CNPG's default <source>-ca. The recovery
//   Cluster names it as its own spec.certificates.serverCASecret, and CNPG signs the new
//   server certificate (SANs <new>-rw, <new>-rw.<ns>, <new>-rw.<ns>.svc, ...) with it.
// - A source with a user-provided server certificate (serverTLSSecret set): its CA Secret
//   usually has no ca.key, so CNPG could not sign with it. The recovery Cluster gets no
//   certificates block, CNPG issues it a CA of its own, and a connection to it can only
//   be encrypted, not verified.
// Pure.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

namespace ckpt::cnpg {

// The server CA Secret the recovery Cluster shares with `source_cluster` (the Cluster
// object as the API returns it, status included); nullopt when the source uses a
// user-provided server certificate.
std::optional<std::string> shared_server_ca_secret(const boost::json::object& source_cluster);

// The CA Secret that signs `recovery_cluster`'s server certificate when it is the one
// shared with the source: spec.certificates.serverCASecret, set with no serverTLSSecret;
// nullopt when CNPG issues the Cluster a CA of its own.
std::optional<std::string> shared_server_ca_of(const boost::json::object& recovery_cluster);

}  // namespace ckpt::cnpg
