#include "kubeapi/server/tls_certs.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string_view>

namespace ckpt::kubeapi {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

constexpr long kValidFromSeconds = -3600;
constexpr long kValidForSeconds = 7L * 24 * 3600;

Error openssl_error(std::string_view step) {
  std::string detail;
  if (const unsigned long code = ERR_get_error(); code != 0) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    detail = std::string(": ") + text;
  }
  ERR_clear_error();
  return make_error(ErrorCode::internal,
                    "cannot make the test server's certificates: " + std::string(step) + detail);
}

KeyPtr new_key() { return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free); }

bool add_extension(X509* cert, X509V3_CTX* context, int nid, const char* value) {
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, context, nid, value);
  if (!extension) return false;
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

bool set_subject(X509* cert, const char* common_name) {
  X509_NAME* name = X509_get_subject_name(cert);
  return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                    reinterpret_cast<const unsigned char*>("checkpointd"), -1, -1, 0) == 1 &&
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                    reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0) == 1;
}

// A certificate for `key` with the usual fields set; signed later.
CertPtr new_certificate(EVP_PKEY* key, const char* common_name) {
  CertPtr cert(X509_new(), X509_free);
  std::uint64_t serial = 0;
  if (!cert || RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial) != 1)
    return CertPtr(nullptr, X509_free);
  serial >>= 1;  // positive
  const bool ok = X509_set_version(cert.get(), 2) == 1 &&
                  ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial) == 1 &&
                  X509_gmtime_adj(X509_getm_notBefore(cert.get()), kValidFromSeconds) != nullptr &&
                  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidForSeconds) != nullptr &&
                  X509_set_pubkey(cert.get(), key) == 1 && set_subject(cert.get(), common_name);
  return ok ? std::move(cert) : CertPtr(nullptr, X509_free);
}

Result<void> write_pem(const std::filesystem::path& path, X509* cert, EVP_PKEY* key) {
  BioPtr bio(BIO_new_file(path.c_str(), "w"), BIO_free);
  if (!bio) return openssl_error("open " + path.string());
  const bool written =
      cert ? PEM_write_bio_X509(bio.get(), cert) == 1
           : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (!written) return openssl_error("write " + path.string());
  return {};
}

}  // namespace

Result<ServerCertificates> write_throwaway_certificates(const std::filesystem::path& dir) {
  KeyPtr ca_key = new_key();
  KeyPtr server_key = new_key();
  if (!ca_key || !server_key) return openssl_error("generate EC P-256 keys");

  CertPtr ca = new_certificate(ca_key.get(), "checkpointd kube-api test CA");
  if (!ca) return openssl_error("build the CA certificate");
  X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
  X509V3_CTX ca_context;
  X509V3_set_ctx_nodb(&ca_context);
  X509V3_set_ctx(&ca_context, ca.get(), ca.get(), nullptr, nullptr, 0);
  if (!add_extension(ca.get(), &ca_context, NID_basic_constraints, "critical,CA:TRUE") ||
      !add_extension(ca.get(), &ca_context, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature") ||
      !add_extension(ca.get(), &ca_context, NID_subject_key_identifier, "hash") ||
      X509_sign(ca.get(), ca_key.get(), EVP_sha256()) == 0) {
    return openssl_error("sign the CA certificate");
  }

  CertPtr server = new_certificate(server_key.get(), "localhost");
  if (!server) return openssl_error("build the server certificate");
  X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get()));
  X509V3_CTX server_context;
  X509V3_set_ctx_nodb(&server_context);
  X509V3_set_ctx(&server_context, ca.get(), server.get(), nullptr, nullptr, 0);
  if (!add_extension(server.get(), &server_context, NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(server.get(), &server_context, NID_key_usage,
                     "critical,digitalSignature,keyEncipherment") ||
      !add_extension(server.get(), &server_context, NID_ext_key_usage, "serverAuth") ||
      !add_extension(server.get(), &server_context, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost") ||
      !add_extension(server.get(), &server_context, NID_authority_key_identifier, "keyid:always") ||
      X509_sign(server.get(), ca_key.get(), EVP_sha256()) == 0) {
    return openssl_error("sign the server certificate");
  }

  ServerCertificates files{dir / "ca.crt", dir / "server.crt", dir / "server.key", {}};
  for (auto written :
       {write_pem(files.ca_file, ca.get(), nullptr), write_pem(files.cert_file, server.get(), nullptr),
        write_pem(files.key_file, nullptr, server_key.get())}) {
    if (!written) return std::move(written).error();
  }
  std::filesystem::permissions(files.key_file,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ifstream ca_in(files.ca_file);
  std::ostringstream pem;
  pem << ca_in.rdbuf();
  files.ca_pem = pem.str();
  return files;
}

}  // namespace ckpt::kubeapi
