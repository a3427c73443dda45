// A JSON value described for an error message, by its kind with an article: "null",
// "a boolean", "a number", "a string", "an object", "an array of 2 items". Pure.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace ckpt::slo {

std::string json_kind_phrase(const boost::json::value& value);

}  // namespace ckpt::slo
