// How a scope's flag backend is named in timelines and error messages, from the
// configuration alone:
//   flagd file /etc/flagd/develop.json
//   ConfigMap prod/app-flags
//   Deployment prod/web container app
//   webhook https://flags.example:443/hooks/flip      (never the URL's query)
// Pure.
#pragma once

#include <string>

#include "config/config.hpp"

namespace ckpt::flags {

std::string describe_backend(const config::FlagBackend& backend);

}  // namespace ckpt::flags
