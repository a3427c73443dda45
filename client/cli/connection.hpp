// From ConnectionOptions to a working Transport: the endpoint (TCP address when given,
// else the Unix socket), TLS settings, the bearer token read from the token file, and
// the per-request deadline. Also the warnings a person must see (TLS verification
// off). The token never appears in a message.
#pragma once

#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "cli/command.hpp"
#include "core/result.hpp"
#include "net/endpoint.hpp"

namespace ckpt::cli {

struct Connection {
  net::Endpoint endpoint;
  std::string bearer_token;  // empty on the Unix socket without a token file
  std::vector<std::string> warnings;
};

// Errors (bad_request): an address Endpoint::parse rejects; a token file that cannot
// be read or is empty (named, with the fix).
Result<Connection> resolve_connection(const ConnectionOptions& options);

// A Transport that sends each request with net::request_blocking and the deadline;
// unreachable errors get a hint on how to point checkpointctl at the daemon.
Transport blocking_transport(const net::Endpoint& endpoint, Millis request_timeout);

}  // namespace ckpt::cli
