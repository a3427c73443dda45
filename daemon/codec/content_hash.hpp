// SHA-256 fingerprints as 64 lowercase hex digits: a migration step's file as the plan and
// the execution evidence record it, and an evidence package's canonical JSON.
#pragma once

#include <string>
#include <string_view>

namespace ckpt {

std::string sha256_hex(std::string_view bytes);

}  // namespace ckpt
