// The one parser for JSON text the daemon did not write itself: API request bodies,
// Kubernetes API answers and watch events, PostgreSQL's backup_manifest. Strict:
//   - the text must be valid UTF-8 (codec/utf8.hpp), checked before anything else;
//   - RFC 8259 JSON only (no comments, no trailing commas), one value, at most 32 levels;
//   - no object may name a key twice (Boost.JSON would silently keep the last one);
//   - every number is finite (Boost.JSON 1.81 reads 1e999 as infinity, 0e999 as NaN);
//   - a number with a fraction or an exponent is read correctly rounded, so a double
//     written by Boost.JSON reads back as the same double (Boost.JSON 1.81's own reading
//     can be a unit in the last place off).
// Journal records and other text the daemon wrote need none of this.
//
// A failure carries `code` and a message that is a phrase to follow the caller's name
// for the text ("request body " + message), one of:
//   is not valid UTF-8 (byte 0xFF at offset 12); send UTF-8 text
//   is not valid JSON: <Boost.JSON's reason>
//   has a duplicate field 'plan.steps[0].sql'
//   has a number out of range in field 'duration_seconds'
// The field is named by its path as codec/field_reader.hpp names fields ("[2].name" when
// the top level is an array), cut to a bounded length (codec/echoed_text.hpp).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::codec {

Result<boost::json::value> parse_strict_json(std::string_view text, ErrorCode code);

}  // namespace ckpt::codec
