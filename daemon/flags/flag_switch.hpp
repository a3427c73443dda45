// FlagSwitch: turns a feature flag on or off, and reads it back, in a scope — one of the
// configuration's flag_backends (config/config.hpp) — whatever backend keeps it there:
//   flagd file        sets flags.<flag>.defaultVariant to the on/off variant (which must
//                     exist in the flag's variants) and rewrites the file atomically
//                     (temporary file, fsync, rename), keeping everything else; flagd
//                     watches the file.
//   ConfigMap key     data.<flag> = on/off value, through the Kubernetes API.
//   Deployment env    the container's env var <flag> = on/off value (read, change,
//                     replace with resourceVersion; a conflict is retried).
//   webhook           POST {"flag","scope","enabled","checkpoint_id","by"} as JSON; any
//                     2xx is done. It cannot be read back.
// Guarantees: set() is idempotent (setting the current value changes nothing and
// succeeds); every operation ends within the backend's deadline; every error names the
// scope, the backend and the object (file path, namespace/name, URL) and never contains
// a token. Thread-safe; the FlagSwitch outlives its operations.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "core/result.hpp"

namespace ckpt::kube {
class KubeClient;
}  // namespace ckpt::kube

namespace ckpt::flags {

class FlagBackend;

// Who asked for a change and for which checkpoint (the webhook's payload carries it).
struct FlagChangeContext {
  std::string checkpoint_id;
  std::string by;
};

class FlagSwitch {
 public:
  // `kube` may be null when no scope uses a Kubernetes backend; a ConfigMap or
  // Deployment scope then fails with a message saying the daemon has no Kubernetes API.
  FlagSwitch(boost::asio::any_io_executor io, boost::asio::thread_pool& blocking, const config::Config& config,
             kube::KubeClient* kube);
  virtual ~FlagSwitch() = default;
  FlagSwitch(const FlagSwitch&) = delete;
  FlagSwitch& operator=(const FlagSwitch&) = delete;

  // not_found (naming the scope) when no flag backend has that name.
  virtual boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                                   FlagChangeContext context);
  // The flag's state in the scope; nullopt when the backend cannot tell (webhook).
  virtual boost::asio::awaitable<Result<std::optional<bool>>> read(std::string scope, std::string flag);
  // "flagd file /etc/flagd/develop.json", "ConfigMap prod/app-flags", ... for timelines.
  std::string describe(std::string_view scope) const;

 private:
  using BackendResult = Result<std::shared_ptr<FlagBackend>>;

  BackendResult make_backend(const config::FlagBackend& settings);
  // The scope's backend, or why it cannot be used (unknown scope, unusable settings, no
  // flag name).
  BackendResult backend_for(std::string_view scope, std::string_view flag) const;
  // The error with the scope and its backend's description in front.
  Error in_scope(std::string_view scope, Error error) const;

  boost::asio::any_io_executor io_;
  boost::asio::thread_pool& blocking_;
  const config::Config& config_;
  kube::KubeClient* kube_;
  std::map<std::string, BackendResult, std::less<>> backends_;
};

}  // namespace ckpt::flags
