// RFC 6901 JSON pointers: "/a/b/0" names a value inside a JSON document; "~1" in a token
// stands for '/', "~0" for '~'; a token applied to an array is an index ("0", "12": no
// leading zeros, no "-"). The empty pointer names the whole document.
// Errors are bad_request and name the pointer:
//   JSON pointer "a/b" must be empty or start with '/'
//   JSON pointer "/a~2" has an invalid escape "~2": write ~0 for '~' and ~1 for '/'
//   nothing at JSON pointer "/data/x": the value at "/data" is an object without field "x"
//   nothing at JSON pointer "/items/5": the value at "/items" is an array of 2 items
//   nothing at JSON pointer "/items/x": the value at "/items" is an array, and "x" is not an index
//   nothing at JSON pointer "/a/b": the value at "/a" is a number
//   nothing at JSON pointer "/5": the document is an array of 3 items
// Pure.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::slo {

Result<const boost::json::value*> resolve_json_pointer(const boost::json::value& document, std::string_view pointer);

}  // namespace ckpt::slo
