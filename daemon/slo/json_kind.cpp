#include "slo/json_kind.hpp"

namespace ckpt::slo {

std::string json_kind_phrase(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::object:
      return "an object";
    case boost::json::kind::array: {
      const auto size = value.get_array().size();
      return "an array of " + std::to_string(size) + (size == 1 ? " item" : " items");
    }
    default:
      return "a number";
  }
}

}  // namespace ckpt::slo
