#include "kubeapi/server/tokens.hpp"

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {

void TokenRegistry::add(std::string_view token, Access access, std::string user) {
  auto auth = std::make_shared<const net::BearerAuth>(token, std::vector<std::string>{});
  std::lock_guard lock(mutex_);
  entries_.push_back({std::move(auth), {std::move(user), access}});
}

Result<Caller> TokenRegistry::authenticate(const net::HttpRequest& request) const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) {
    if (entry.auth->allows(request)) return entry.caller;
  }
  return api_error(reason::kUnauthorized, "Unauthorized");
}

}  // namespace ckpt::kubeapi
