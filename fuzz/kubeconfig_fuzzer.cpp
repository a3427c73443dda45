// Fuzzes the kubeconfig reader (kube/kubeconfig.hpp parse_kubeconfig): any bytes as the
// kubeconfig's text, as if read from /nonexistent/checkpointd-fuzz/kubeconfig (so that
// relative file names name nothing). It must give a connection over TLS or a bad_request
// naming the kubeconfig, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kube/kubeconfig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto connection = ckpt::kube::parse_kubeconfig(text, "/nonexistent/checkpointd-fuzz/kubeconfig");
  if (!connection.ok()) {
    const auto& error = connection.error();
    if (error.code != ckpt::ErrorCode::bad_request ||
        !error.message.starts_with("kubeconfig /nonexistent/checkpointd-fuzz/kubeconfig")) {
      std::abort();
    }
    return 0;
  }
  if (!connection->endpoint.tls) std::abort();
  return 0;
}
