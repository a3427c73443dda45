// A throwaway PKI for the test server, made with OpenSSL at start: an EC P-256 CA
// ("checkpointd kube-api test CA", CA:TRUE, keyCertSign) and a server certificate it signs
// with subjectAltName IP:127.0.0.1 and DNS:localhost, serverAuth, valid from an hour ago
// for seven days. Files: ca.crt, server.crt, server.key (mode 0600) in the given directory.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace ckpt::kubeapi {

struct ServerCertificates {
  std::filesystem::path ca_file;
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
  std::string ca_pem;
};

Result<ServerCertificates> write_throwaway_certificates(const std::filesystem::path& dir);

}  // namespace ckpt::kubeapi
