#include "net/bearer_auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>

namespace ckpt::net {
namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view text) {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

constexpr std::string_view kScheme = "bearer ";

}  // namespace

BearerAuth::BearerAuth(std::string_view token, std::vector<std::string> unauthenticated_paths)
    : token_digest_(sha256(token)), unauthenticated_paths_(std::move(unauthenticated_paths)) {}

bool BearerAuth::allows(const HttpRequest& request) const {
  const std::string path = request.path();
  if (std::find(unauthenticated_paths_.begin(), unauthenticated_paths_.end(), path) !=
      unauthenticated_paths_.end()) {
    return true;
  }
  const std::string authorization = request.header("Authorization");
  if (authorization.size() <= kScheme.size() ||
      !equals_ignore_case(std::string_view(authorization).substr(0, kScheme.size()), kScheme)) {
    return false;
  }
  const Digest presented = sha256(std::string_view(authorization).substr(kScheme.size()));
  return CRYPTO_memcmp(presented.data(), token_digest_.data(), presented.size()) == 0;
}

}  // namespace ckpt::net
