#include "net/detail/tls_context.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include <openssl/ssl.h>

namespace ckpt::net::detail {
namespace {

namespace ssl = boost::asio::ssl;

constexpr auto kProtocolOptions = ssl::context::default_workarounds | ssl::context::no_sslv2 |
                                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                                  ssl::context::no_tlsv1_1;

Error file_error(std::string_view what, const std::string& file,
                 const boost::system::error_code& ec) {
  return make_error(ErrorCode::bad_request, std::string(what) + " \"" + file +
                                                "\" cannot be used: " + ec.message() +
                                                "; point it at a readable PEM file");
}

Error data_error(std::string_view what, const boost::system::error_code& ec) {
  return make_error(ErrorCode::bad_request, std::string(what) + " cannot be used: " +
                                                ec.message() + "; it must be PEM text");
}

// OpenSSL's SSL_set_tlsext_host_name is a macro with a C cast inside.
bool set_server_name_indication(SSL* ssl, const std::string& host) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
  return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1;
#pragma GCC diagnostic pop
}

// The client certificate and key, each from PEM text when given, else from its file.
Result<void> use_client_certificate(ssl::context& context, const Endpoint& endpoint) {
  boost::system::error_code ec;
  if (!endpoint.client_cert_pem.empty()) {
    if (context.use_certificate_chain(boost::asio::buffer(endpoint.client_cert_pem), ec); ec) {
      return data_error("TLS client certificate data", ec);
    }
  } else if (context.use_certificate_chain_file(endpoint.client_cert_file, ec); ec) {
    return file_error("TLS client certificate file", endpoint.client_cert_file, ec);
  }
  if (!endpoint.client_key_pem.empty()) {
    if (context.use_private_key(boost::asio::buffer(endpoint.client_key_pem), ssl::context::pem, ec);
        ec) {
      return data_error("TLS client key data", ec);
    }
  } else if (context.use_private_key_file(endpoint.client_key_file, ssl::context::pem, ec); ec) {
    return file_error("TLS client key file", endpoint.client_key_file, ec);
  }
  return {};
}

}  // namespace

Result<std::shared_ptr<ssl::context>> make_server_tls_context(const TlsServerFiles& files) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->set_options(kProtocolOptions);
  boost::system::error_code ec;
  if (context->use_certificate_chain_file(files.cert_file, ec); ec) {
    return file_error("TLS certificate file", files.cert_file, ec);
  }
  if (context->use_private_key_file(files.key_file, ssl::context::pem, ec); ec) {
    return file_error("TLS key file", files.key_file, ec);
  }
  return context;
}

Result<std::shared_ptr<ssl::context>> make_client_tls_context(const Endpoint& endpoint) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  context->set_options(kProtocolOptions);
  boost::system::error_code ec;
  if (endpoint.insecure_skip_verify) {
    context->set_verify_mode(ssl::verify_none);
  } else {
    context->set_verify_mode(ssl::verify_peer);
    if (endpoint.ca_file.empty() && endpoint.ca_pem.empty()) {
      if (context->set_default_verify_paths(ec); ec) {
        return make_error(ErrorCode::bad_request,
                          "the system's CA certificates cannot be loaded: " + ec.message() +
                              "; set a CA file for " + endpoint.to_string());
      }
    }
    if (!endpoint.ca_file.empty()) {
      if (context->load_verify_file(endpoint.ca_file, ec); ec) {
        return file_error("TLS CA file", endpoint.ca_file, ec);
      }
    }
    if (!endpoint.ca_pem.empty()) {
      if (context->add_certificate_authority(boost::asio::buffer(endpoint.ca_pem), ec); ec) {
        return data_error("TLS CA certificate data", ec);
      }
    }
  }
  const bool mutual_tls = !endpoint.client_cert_file.empty() || !endpoint.client_key_file.empty() ||
                          !endpoint.client_cert_pem.empty() || !endpoint.client_key_pem.empty();
  if (mutual_tls) {
    if (auto presented = use_client_certificate(*context, endpoint); !presented) {
      return std::move(presented).error();
    }
  }
  return context;
}

Result<void> prepare_client_stream(TlsStream& stream, const Endpoint& endpoint) {
  boost::system::error_code not_an_address;
  boost::asio::ip::make_address(endpoint.host, not_an_address);
  if (not_an_address && !set_server_name_indication(stream.native_handle(), endpoint.host)) {
    return make_error(
        ErrorCode::bad_request,
        "TLS server name \"" + endpoint.host + "\" is not valid for SNI; check the endpoint host");
  }
  if (!endpoint.insecure_skip_verify) {
    stream.set_verify_callback(ssl::host_name_verification(endpoint.host));
  }
  return {};
}

}  // namespace ckpt::net::detail
