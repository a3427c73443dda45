// Fuzzes the daemon's configuration parser (config/config_loader.hpp parse_config): any
// bytes as the YAML file. It must return a config or a bad_request whose every line
// names the file, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto config = ckpt::config::parse_config(text, "config.yaml");
  if (config.ok()) {
    if (config->clusters.empty()) std::abort();
    return 0;
  }
  const auto& error = config.error();
  if (error.code != ckpt::ErrorCode::bad_request || error.message.empty()) std::abort();
  std::string_view rest = error.message;
  while (!rest.empty()) {
    if (!rest.starts_with("config.yaml")) std::abort();
    const auto end = rest.find('\n');
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  return 0;
}
