#include "codec/evidence_seal.hpp"

#include "codec/canonical_json.hpp"
#include "codec/content_hash.hpp"

namespace ckpt {

namespace json = boost::json;

std::string evidence_seal(const json::object& package) {
  json::object unsealed = package;
  unsealed.erase("sha256");
  return sha256_hex(codec::canonical_json(unsealed));
}

Result<SealCheck> check_seal(const json::value& json) {
  const json::object* package = json.if_object();
  const json::value* kind = package == nullptr ? nullptr : package->if_contains("kind");
  if (kind == nullptr || !kind->is_string() || kind->get_string() != kEvidenceKind) {
    return make_error(ErrorCode::bad_request,
                      "is not an evidence package: it has no \"kind\": \"" + std::string{kEvidenceKind} + "\"");
  }
  const json::value* sha256 = package->if_contains("sha256");
  if (sha256 == nullptr || !sha256->is_string()) {
    return make_error(ErrorCode::bad_request, "is not a sealed evidence package: it has no \"sha256\" string");
  }
  return SealCheck{std::string{sha256->get_string()}, evidence_seal(*package)};
}

}  // namespace ckpt
