#include "flags/flag_value.hpp"

#include <string>

#include "codec/echoed_text.hpp"

namespace ckpt::flags {

Result<bool> state_of(std::string_view what, std::string_view value, OnOffValues values) {
  if (value == values.on) return true;
  if (value == values.off) return false;
  return make_error(ErrorCode::engine_error, std::string(what) + " is \"" + codec::echoed(value) +
                                                 "\", neither the on value \"" + std::string(values.on) +
                                                 "\" nor the off value \"" + std::string(values.off) + "\"");
}

}  // namespace ckpt::flags
