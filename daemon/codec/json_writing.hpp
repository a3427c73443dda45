// Small helpers the JSON encoders share: optional strings are left out when empty, and
// lists of strings become arrays.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ckpt::codec {

inline void put_if_not_empty(boost::json::object& out, std::string_view key, const std::string& text) {
  if (!text.empty()) out[key] = text;
}

inline boost::json::array strings_to_json(const std::vector<std::string>& texts) {
  boost::json::array out;
  for (const auto& text : texts) out.emplace_back(text);
  return out;
}

}  // namespace ckpt::codec
