#include "flag_file.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

namespace ckpt::demo {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 1024 * 1024;

}  // namespace

bool flag_is_on(std::string_view flagd_json, std::string_view flag) {
  boost::system::error_code ec;
  const boost::json::value document = boost::json::parse(flagd_json, ec);
  if (ec || !document.is_object()) return false;
  const auto* flags = document.get_object().if_contains("flags");
  if (flags == nullptr || !flags->is_object()) return false;
  const auto* entry = flags->get_object().if_contains(flag);
  if (entry == nullptr || !entry->is_object()) return false;
  const auto* variant = entry->get_object().if_contains("defaultVariant");
  return variant != nullptr && variant->is_string() && variant->get_string() == "on";
}

bool flag_file_says_on(const std::filesystem::path& file, std::string_view flag) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return flag_is_on(text, flag);
}

}  // namespace ckpt::demo
