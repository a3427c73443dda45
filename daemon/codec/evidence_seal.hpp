// The seal of an evidence package: the sha256 of the canonical JSON
// (codec/canonical_json.hpp) of the package without its own "sha256" member. Whoever holds
// the JSON recomputes it to tell that nothing was edited since checkpointd wrote it; the
// indentation and the order of the members do not matter, any changed value does.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt {

// What marks a JSON object as an evidence package ("kind").
inline constexpr std::string_view kEvidenceKind = "checkpointd.evidence";

// 64 lowercase hex digits.
std::string evidence_seal(const boost::json::object& package);

struct SealCheck {
  std::string recorded;  // the package's "sha256"
  std::string computed;  // evidence_seal() of what it holds now
  bool intact() const { return recorded == computed; }
};

// bad_request, saying what is missing, when `json` is not an object with "kind"
// "checkpointd.evidence" and a "sha256" string.
Result<SealCheck> check_seal(const boost::json::value& json);

}  // namespace ckpt
