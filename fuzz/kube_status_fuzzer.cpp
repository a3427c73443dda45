// Fuzzes the mapping of Kubernetes API error answers to errors (kube/api_status.hpp):
// the first two bytes give the HTTP status (100..599), the rest is the body. The error
// must name what was attempted, carry a code, and never crash or hang; Retry-After
// parsing of the same bytes must give nothing or a non-negative delay.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kube/api_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const int status = 100 + ((data[0] << 8) | data[1]) % 500;
  const std::string_view body(reinterpret_cast<const char*>(data) + 2, size - 2);
  const ckpt::kube::RequestContext context{"get", "backups.postgresql.cnpg.io \"b1\" in namespace \"develop\"",
                                           "backups.postgresql.cnpg.io", "https://10.0.0.1:443",
                                           "bearer token of user \"ci\""};
  const ckpt::Error error = ckpt::kube::error_from_response(status, body, context);
  if (!error.message.starts_with("get backups.postgresql.cnpg.io \"b1\" in namespace \"develop\" at "
                                 "https://10.0.0.1:443: ")) {
    std::abort();
  }
  (void)ckpt::kube::is_expired(error);
  (void)ckpt::kube::is_retryable_status(status);
  if (const auto delay = ckpt::kube::parse_retry_after(body); delay && delay->count() < 0) std::abort();
  return 0;
}
