// The fingerprint of a migration step's file as the plan and the execution evidence
// record it: the SHA-256 of the bytes, 64 lowercase hex digits.
#pragma once

#include <string>
#include <string_view>

namespace ckpt {

std::string sha256_hex(std::string_view bytes);

}  // namespace ckpt
