// Whether a feature flag is on in an OpenFeature flagd flag file:
//   {"flags": {"<flag>": {"state": "ENABLED", "variants": {...}, "defaultVariant": "on"}}}
// The flag is on only while its defaultVariant is "on". A missing or unreadable file,
// text that is not such a document, a missing flag and any other variant all count as
// off, so that turning the flag off (or losing it) stops the demo's errors.
#pragma once

#include <filesystem>
#include <string_view>

namespace ckpt::demo {

// Pure: the decision from the file's text.
bool flag_is_on(std::string_view flagd_json, std::string_view flag);

// Reads the file (at most 1 MiB of it) and decides.
bool flag_file_says_on(const std::filesystem::path& file, std::string_view flag);

}  // namespace ckpt::demo
