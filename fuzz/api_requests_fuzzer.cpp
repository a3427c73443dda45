// Fuzzes the decoders of the HTTP API's request bodies (codec/requests.hpp). The first
// byte modulo 7 picks the decoder (0 begin, 1 fail, 2 abort, 3 restore, 4 commit,
// 5 migration start, 6 command result; the seeds start with 'b' .. 'g' and 'a'), the rest
// is the body. Every decoder must return a value or a
// bad_request with a message, never crash or hang; a decoded value must survive the
// client's encoding: encode, decode, encode again gives the same JSON text.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

#include "codec/requests.hpp"

namespace {

template <typename T>
void check(const ckpt::Result<T>& decoded, ckpt::Result<T> (*decode)(std::string_view)) {
  if (!decoded.ok()) {
    if (decoded.error().code != ckpt::ErrorCode::bad_request || decoded.error().message.empty()) std::abort();
    return;
  }
  if constexpr (!std::is_same_v<T, ckpt::CommitRequest>) {
    const std::string encoded = boost::json::serialize(ckpt::to_json(*decoded));
    const auto again = decode(encoded);
    if (!again.ok() || boost::json::serialize(ckpt::to_json(*again)) != encoded) std::abort();
  }
}

template <typename T>
void run(std::string_view body, ckpt::Result<T> (*decode)(std::string_view)) {
  check(decode(body), decode);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0:
      run(body, &ckpt::decode_begin_request);
      break;
    case 1:
      run(body, &ckpt::decode_fail_request);
      break;
    case 2:
      run(body, &ckpt::decode_abort_request);
      break;
    case 3:
      run(body, &ckpt::decode_restore_request);
      break;
    case 4:
      run(body, &ckpt::decode_commit_request);
      break;
    case 5:
      run(body, &ckpt::decode_migration_start_request);
      break;
    default:
      run(body, &ckpt::decode_command_result);
      break;
  }
  return 0;
}
