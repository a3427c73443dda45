// Keeps secrets out of logs and error messages: every occurrence of a secret becomes
// "[redacted]". Where secrets overlap, the longest one starting at a position wins;
// empty secrets are ignored. One left-to-right pass: a replacement is never scanned
// again, so a secret such as "red" cannot mangle the "[redacted]" put in before it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ckpt::obs {

inline constexpr std::string_view kRedacted = "[redacted]";

std::string redact(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace ckpt::obs
