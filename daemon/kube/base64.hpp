// Decodes standard base64 (RFC 4648 alphabet, "=" padding optional), as kubeconfig "-data"
// fields and Secrets carry it. Whitespace and line breaks are ignored. nullopt for any
// other character or an impossible length.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckpt::kube {

std::optional<std::string> decode_base64(std::string_view text);

}  // namespace ckpt::kube
