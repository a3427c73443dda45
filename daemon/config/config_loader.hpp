// Loads checkpointd's YAML configuration (layout and keys: docs/configuration.md).
// Strict: unknown keys, wrong types, out-of-range values, relative paths, missing
// required keys and inconsistent sections are errors. All problems are reported
// together in one ErrorCode::bad_request error, one per line, each
// "<source>:<line>: <message>" naming the full key path, e.g.
//   config.yaml:12: 'clusters[0].local.port' must be an integer from 1 to 65535, got 'abc'
// A successful result has every key either read from the file or at its default.
#pragma once

#include <filesystem>
#include <string_view>

#include "config/config.hpp"
#include "config/secret_file.hpp"  // read_secret_file() for the files the config names
#include "core/result.hpp"

namespace ckpt::config {

// Reads and parses the file; messages are prefixed with the path as given.
Result<Config> load_config_file(const std::filesystem::path& path);

// Parses YAML text; `source_name` prefixes every message (usually the file name).
Result<Config> parse_config(std::string_view yaml_text, std::string_view source_name);

}  // namespace ckpt::config
