// Where an HTTP client connects: a Unix socket path or a TCP host and port, optionally
// with TLS. Endpoint::parse reads the forms a person types on a command line or in a
// config file; to_string() gives the canonical form back for messages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::net {

struct Endpoint {
  enum class Kind { unix_socket, tcp };

  Kind kind = Kind::unix_socket;
  std::string path;  // unix_socket only
  std::string host;  // tcp only; an IPv6 address without brackets
  std::uint16_t port = 0;
  bool tls = false;
  // CAs to trust: a PEM file and/or PEM text held in memory (both are trusted when both
  // are set); both empty means the system's default verify paths.
  std::string ca_file;
  std::string ca_pem;
  bool insecure_skip_verify = false;
  // Client certificate and key for mutual TLS, each from a PEM file or from PEM text in
  // memory (the text wins when both are set); all empty when not used.
  std::string client_cert_file;
  std::string client_key_file;
  std::string client_cert_pem;
  std::string client_key_pem;

  // Accepts "unix:///run/x.sock", "/run/x.sock", "http://host[:port]" and
  // "https://host[:port]" (default ports 80 and 443, "[::1]" for IPv6, an optional
  // trailing "/"). Anything else is a bad_request error that shows the accepted forms.
  static Result<Endpoint> parse(std::string_view text);

  // "unix:///run/x.sock", "http://host:port" or "https://host:port".
  std::string to_string() const;

  // "host:port", with an IPv6 host in brackets; for TCP endpoints.
  std::string authority() const;
};

}  // namespace ckpt::net
