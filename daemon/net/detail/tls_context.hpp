// Internal to ckpt_net. Builds OpenSSL contexts (TLS 1.2 or newer) for the server and the
// client from file paths (and, for the client, PEM text held in memory), reporting
// unreadable or mismatched files as errors that name the file and unusable PEM text as
// errors that name what it was meant to be. Per-connection client settings (SNI, host-name verification) are applied by
// prepare_client_stream().
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "net/detail/transport.hpp"
#include "net/endpoint.hpp"
#include "net/http_server.hpp"

namespace ckpt::net::detail {

Result<std::shared_ptr<boost::asio::ssl::context>> make_server_tls_context(
    const TlsServerFiles& files);

// Trusts endpoint.ca_file and endpoint.ca_pem (or the system's CAs when both are empty)
// unless insecure_skip_verify, and presents the client certificate when one is configured.
Result<std::shared_ptr<boost::asio::ssl::context>> make_client_tls_context(
    const Endpoint& endpoint);

// Sets SNI (for host names, not IP addresses) and, unless insecure_skip_verify, checks
// that the server certificate is valid for endpoint.host.
Result<void> prepare_client_stream(TlsStream& stream, const Endpoint& endpoint);

}  // namespace ckpt::net::detail
