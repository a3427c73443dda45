// TokenRegistry: the bearer tokens the test server accepts and what each may do.
// read_only may get, list and watch; read_write may also create, update, patch and delete;
// admin may additionally use the fault-injection endpoints under /_test/. Tokens are
// compared in constant time (net::BearerAuth) and never logged. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "net/bearer_auth.hpp"
#include "net/http_message.hpp"

namespace ckpt::kubeapi {

enum class Access { read_only, read_write, admin };

struct Caller {
  std::string user;
  Access access = Access::read_only;

  bool can_write() const { return access != Access::read_only; }
  bool is_admin() const { return access == Access::admin; }
};

class TokenRegistry {
 public:
  // `user` names the caller in Forbidden messages.
  void add(std::string_view token, Access access, std::string user);
  // An Unauthorized api error when the request has no bearer token or an unknown one.
  Result<Caller> authenticate(const net::HttpRequest& request) const;

 private:
  struct Entry {
    std::shared_ptr<const net::BearerAuth> auth;
    Caller caller;
  };

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace ckpt::kubeapi
