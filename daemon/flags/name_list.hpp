// Names quoted back in an error message so that a person sees what is there: the flags of
// a file, the variants of a flag, the containers of a Deployment. At most kMaxListedNames,
// each cut to a bounded length (codec/echoed_text.hpp); "none" for an empty list. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ckpt::flags {

inline constexpr std::size_t kMaxListedNames = 10;

// "enabled, disabled", or "a, b, ... (25 in all)" past kMaxListedNames, or "none".
std::string name_list(const std::vector<std::string>& names);

}  // namespace ckpt::flags
