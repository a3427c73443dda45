// Internal to ckpt_net. What every connection of one HttpServer shares: the handler, the
// options, the bearer-token check of TCP listeners and the count of requests in flight.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>

#include "net/bearer_auth.hpp"
#include "net/http_server.hpp"

namespace ckpt::net::detail {

struct ServerContext {
  HttpHandler handler;
  ServerOptions options;
  // Present when options.bearer_token is a non-empty token.
  std::optional<BearerAuth> auth;
  std::atomic<std::size_t> in_flight{0};
};

}  // namespace ckpt::net::detail
