// One boolean flag of a flagd flag definition file (https://flagd.dev/reference/flag-definitions/),
// {"flags": {"NAME": {"state": ..., "variants": {"on": true, "off": false},
// "defaultVariant": "off", "targeting": {...}}}}, read and switched through its
// defaultVariant. A switch replaces the bytes of that one value (or adds the member when
// the flag has none) and keeps every other byte of the text: the other flags, targeting,
// key order and layout.
// Errors name the flag and what is wrong, for the caller to put after the file's name:
//   the file is not valid JSON: ...           (and the other phrases of codec/strict_json.hpp)
//   the file has no "flags" object
//   the file has no flag FEATURE_X (flags: A, B)                       (not_found)
//   flag FEATURE_X has no variant "on" (variants: enabled, disabled)
//   flag FEATURE_X has no defaultVariant
//   flag FEATURE_X's defaultVariant is "beta", neither the on value "on" nor the off value "off"
// Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "flags/flag_value.hpp"

namespace ckpt::flags {

// Whether the flag's defaultVariant is the on or the off variant.
Result<bool> flagd_flag_state(std::string_view text, std::string_view flag, OnOffValues variants);

// The text with the flag's defaultVariant set to the on or off variant, which must be one
// of the flag's variants; nullopt when it is that variant already (nothing to write).
Result<std::optional<std::string>> with_flagd_flag_state(std::string_view text, std::string_view flag, bool on,
                                                         OnOffValues variants);

}  // namespace ckpt::flags
