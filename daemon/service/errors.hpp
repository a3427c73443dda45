// Errors the service layer answers with in more than one place, worded once.
#pragma once

#include <string>
#include <string_view>

#include "codec/echoed_text.hpp"
#include "core/result.hpp"

namespace ckpt::service {

// No checkpoint has this id. The id came from the caller and is echoed bounded
// (codec/echoed_text.hpp): a path can be kilobytes long.
inline Error checkpoint_not_found(std::string_view id) {
  return make_error(ErrorCode::not_found,
                    "checkpoint '" + codec::echoed(id) + "' not found; `checkpointctl list` shows the known ones");
}

}  // namespace ckpt::service
