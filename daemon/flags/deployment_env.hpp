// A flag kept as an environment variable of one container of a Deployment
// (spec.template.spec.containers[name=<container>].env[name=<variable>].value): read from,
// and set in, the Deployment object as the API returns it. Changing the pod template rolls
// the Deployment out. Pure.
// Errors:
//   Deployment has no container "app" (containers: web, sidecar)            (not_found)
//   Deployment has no spec.template.spec.containers list
//   env var FEATURE_X of container "web" is set through valueFrom; change it where it
//     points (a ConfigMap or Secret) or configure that as the flag's backend
//   env var FEATURE_X of container "web" is not set                         (not_found; reading only)
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::flags {

// The variable's value (the last entry of that name wins, as in Kubernetes).
Result<std::string> container_env_value(const boost::json::object& deployment, std::string_view container,
                                        std::string_view variable);

// Sets the variable (every entry of that name), adding it when missing; false when it has
// the value already and nothing changed.
Result<bool> set_container_env(boost::json::object& deployment, std::string_view container, std::string_view variable,
                               std::string_view value);

}  // namespace ckpt::flags
