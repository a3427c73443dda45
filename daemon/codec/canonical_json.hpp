// The canonical text of a JSON value, which a sha256 can cover: the same value always
// gives the same bytes, however it was written or indented. The form is RFC 8785's (the
// JSON Canonicalization Scheme), with keys in byte order:
//   - no whitespace between tokens;
//   - object members sorted by their keys' UTF-8 bytes (a key appears once);
//   - strings in double quotes with `"` and `\` escaped, \b \f \n \r \t for those
//     controls, \u00xx (lowercase hex) for the other characters below U+0020, every
//     other character as its UTF-8 bytes (no \u escapes, `/` not escaped);
//   - a number read as an integer in decimal; any other number as ECMAScript's
//     Number.prototype.toString writes the double: the shortest digits that read back as
//     the same double, in plain notation from 1e-6 up to below 1e21 (0.000001, 123.456,
//     5 for 5.0, 0 for -0) and as d.ddde±x beyond (1e+21, 1.5e-7);
//   - true, false and null as themselves.
// docs/evidence.md documents the form for people who check a package by other means.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace ckpt::codec {

std::string canonical_json(const boost::json::value& value);

}  // namespace ckpt::codec
