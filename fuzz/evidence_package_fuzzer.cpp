// Fuzzes what `checkpointctl evidence verify` reads (codec/evidence_seal.hpp,
// codec/evidence_json.hpp, codec/canonical_json.hpp): any JSON text is either refused as
// not a package or has its seal checked; the canonical form of any value reads back as a
// value with the same canonical form; a package that decodes writes back as one that
// decodes to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "codec/canonical_json.hpp"
#include "codec/evidence_json.hpp"
#include "codec/evidence_seal.hpp"
#include "codec/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto json = ckpt::codec::parse_strict_json(text, ckpt::ErrorCode::bad_request);
  if (!json) return 0;

  const std::string canonical = ckpt::codec::canonical_json(*json);
  const auto reread = ckpt::codec::parse_strict_json(canonical, ckpt::ErrorCode::internal);
  if (!reread || ckpt::codec::canonical_json(*reread) != canonical) std::abort();

  const auto seal = ckpt::check_seal(*json);
  if (!seal && seal.error().code != ckpt::ErrorCode::bad_request) std::abort();
  if (seal && seal->computed.size() != 64) std::abort();

  const auto decoded = ckpt::evidence_from_json(*json);
  if (!decoded) return 0;
  const auto written = ckpt::to_json(decoded->package);
  const auto again = ckpt::evidence_from_json(written);
  if (!again || ckpt::to_json(again->package) != written) std::abort();
  return 0;
}
