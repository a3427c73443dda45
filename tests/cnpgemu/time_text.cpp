#include "cnpgemu/time_text.hpp"

#include <ctime>

namespace ckpt::cnpgemu {
namespace {

std::string utc_text(SystemTime at, const char* format) {
  const auto seconds = std::chrono::system_clock::to_time_t(at);
  std::tm fields{};
  ::gmtime_r(&seconds, &fields);
  char text[32];
  const auto length = std::strftime(text, sizeof text, format, &fields);
  return {text, length};
}

}  // namespace

std::string rfc3339_seconds(SystemTime at) {
  return utc_text(at, "%Y-%m-%dT%H:%M:%SZ");
}

std::string barman_backup_id(SystemTime at) {
  return utc_text(at, "%Y%m%dT%H%M%S");
}

std::string barman_backup_name(SystemTime at) {
  return "backup-" + utc_text(at, "%Y%m%d%H%M%S");
}

}  // namespace ckpt::cnpgemu
