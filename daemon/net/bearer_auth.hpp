// Bearer-token check for requests arriving on TCP listeners.
// The expected token is kept only as a SHA-256 digest, and a presented token is hashed
// and compared with CRYPTO_memcmp, so the comparison takes the same time whatever the
// presented token's length or content. Paths listed as unauthenticated (e.g. /healthz)
// pass without a token. Nothing here logs or exposes the token.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_message.hpp"

namespace ckpt::net {

class BearerAuth {
 public:
  BearerAuth(std::string_view token, std::vector<std::string> unauthenticated_paths);

  // True when the request's path is unauthenticated, or its Authorization header is
  // "Bearer <token>" (scheme name case-insensitive) with exactly the expected token.
  bool allows(const HttpRequest& request) const;

 private:
  std::array<unsigned char, 32> token_digest_{};
  std::vector<std::string> unauthenticated_paths_;
};

}  // namespace ckpt::net
