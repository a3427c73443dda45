// Standard base64 (RFC 4648, with padding), as Kubernetes uses for Secret data and
// kubeconfig certificate data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckpt::kubeapi {

std::string base64_encode(std::string_view bytes);
// nullopt when the text is not canonical padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ckpt::kubeapi
