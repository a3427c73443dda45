#include "cli/connection.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "net/http_client.hpp"

namespace ckpt::cli {
namespace {

Result<std::string> read_token(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return make_error(ErrorCode::bad_request, "cannot read token file '" + path + "': " + std::strerror(errno) +
                                                  "; check --token-file / CHECKPOINTD_TOKEN_FILE");
  }
  std::ostringstream content;
  content << file.rdbuf();
  std::string token = content.str();
  const auto end = token.find_last_not_of(" \t\r\n");
  token.erase(end == std::string::npos ? 0 : end + 1);
  if (token.empty()) {
    return make_error(ErrorCode::bad_request,
                      "token file '" + path + "' is empty; put the daemon's bearer token in it");
  }
  return token;
}

}  // namespace

Result<Connection> resolve_connection(const ConnectionOptions& options) {
  Connection connection;
  if (options.address.empty()) {
    connection.endpoint.kind = net::Endpoint::Kind::unix_socket;
    connection.endpoint.path = options.socket_path;
  } else {
    auto endpoint = net::Endpoint::parse(options.address);
    if (!endpoint) {
      return make_error(ErrorCode::bad_request, "--addr: " + endpoint.error().message);
    }
    connection.endpoint = std::move(endpoint).value();
  }
  connection.endpoint.ca_file = options.ca_file;
  connection.endpoint.insecure_skip_verify = options.insecure_skip_tls_verify;
  if (options.insecure_skip_tls_verify) {
    connection.warnings.push_back(
        connection.endpoint.tls
            ? "WARNING: --insecure-skip-tls-verify: the daemon's TLS certificate is NOT verified; anyone on the "
              "network path can impersonate checkpointd and read the bearer token. Use --ca-file instead."
            : "WARNING: --insecure-skip-tls-verify has no effect: " + connection.endpoint.to_string() +
                  " does not use TLS");
  }
  if (!options.token_file.empty()) {
    auto token = read_token(options.token_file);
    if (!token) return std::move(token).error();
    connection.bearer_token = std::move(token).value();
  }
  return connection;
}

Transport blocking_transport(const net::Endpoint& endpoint, Millis request_timeout) {
  return [endpoint, request_timeout](net::HttpRequest request) -> Result<net::HttpResponse> {
    auto response = net::request_blocking(endpoint, std::move(request), request_timeout);
    if (!response && response.error().code == ErrorCode::unreachable) {
      Error error = std::move(response).error();
      error.message += "; is checkpointd running? Point checkpointctl at it with --socket PATH or --addr URL";
      return error;
    }
    return response;
  };
}

}  // namespace ckpt::cli
