// FlagBackend: the one place a scope keeps its flags (a flagd file, a ConfigMap, a
// Deployment's env, a webhook), behind the operations FlagSwitch offers. Errors say what
// went wrong with the object; FlagSwitch puts the scope and the backend's description
// (backend_description.hpp) in front. set() is idempotent. Implementations are thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "flags/flag_switch.hpp"

namespace ckpt::flags {

class FlagBackend {
 public:
  virtual ~FlagBackend() = default;

  virtual boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                                   FlagChangeContext context) = 0;
  // nullopt when the backend cannot tell.
  virtual boost::asio::awaitable<Result<std::optional<bool>>> read(std::string flag) = 0;
};

}  // namespace ckpt::flags
