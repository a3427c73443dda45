#include "kubeapi/server/object_identity.hpp"

#include <cstdio>
#include <mutex>
#include <random>
#include <string_view>

#include "core/time_format.hpp"

namespace ckpt::kubeapi {
namespace {

std::uint64_t random_bits() {
  static std::mutex mutex;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard lock(mutex);
  return engine();
}

}  // namespace

std::string new_uid() {
  const std::uint64_t high = random_bits();
  const std::uint64_t low = random_bits();
  char text[37];
  // Version 4, variant 1 (RFC 4122).
  std::snprintf(
      text, sizeof text, "%08llx-%04llx-4%03llx-%04llx-%012llx", static_cast<unsigned long long>(high >> 32),
      static_cast<unsigned long long>((high >> 16) & 0xffff), static_cast<unsigned long long>(high & 0x0fff),
      static_cast<unsigned long long>(((low >> 48) & 0x3fff) | 0x8000),
      static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string random_name_suffix() {
  // The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no confusable characters.
  constexpr std::string_view kAlphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::uint64_t bits = random_bits();
  std::string suffix;
  for (int i = 0; i < 5; ++i) {
    suffix += kAlphabet[bits % kAlphabet.size()];
    bits /= kAlphabet.size();
  }
  return suffix;
}

std::string kube_timestamp(std::chrono::system_clock::time_point at) {
  std::string text = format_rfc3339(std::chrono::floor<std::chrono::seconds>(at));
  // format_rfc3339 writes microseconds: "...:SS.000000Z".
  const auto dot = text.rfind('.');
  if (dot != std::string::npos) text.erase(dot, text.size() - 1 - dot);
  return text;
}

}  // namespace ckpt::kubeapi
