#include "cnpgemu/target_time.hpp"

#include <regex>

#include "core/time_format.hpp"

namespace ckpt::cnpgemu {

std::optional<TargetTime> parse_target_time(std::string_view text) {
  static const std::regex form{
      R"(^(\d{4}-\d{2}-\d{2})([ T])(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::\d{2})?)?$)"};
  std::match_results<std::string_view::const_iterator> parts;
  if (!std::regex_match(text.begin(), text.end(), parts, form)) return std::nullopt;
  const bool postgres_form = parts[2] == " ";
  const std::string zone = parts[5];
  if (postgres_form && zone == "Z") return std::nullopt;
  if (!postgres_form && zone.size() == 3) return std::nullopt;  // RFC 3339 offsets have minutes
  const std::string fraction = parts[4];
  std::string offset = zone.empty() || zone == "Z" ? "+00:00" : zone;
  if (offset.size() == 3) offset += ":00";
  const auto instant =
      parse_rfc3339(parts[1].str() + "T" + parts[3].str() + (fraction.empty() ? "" : "." + fraction) + offset);
  if (!instant) return std::nullopt;
  if (postgres_form) return TargetTime{*instant, std::string{text}};
  const auto micros = (fraction + "000000").substr(0, 6);
  return TargetTime{*instant, parts[1].str() + " " + parts[3].str() + "." + micros + offset};
}

}  // namespace ckpt::cnpgemu
