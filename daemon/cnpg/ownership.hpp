// Whether an existing CNPG object was created by checkpointd for a given checkpoint, read
// from its labels (managed-by = checkpointd AND checkpoint-id = the id). The engine's
// 409 rule: a create that conflicts with an object that is ours is adopted (a retry or a
// restarted daemon found its own work); any other object with that name is refused and
// left untouched.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace ckpt::cnpg {

bool is_ours(const boost::json::object& api_object, std::string_view checkpoint_id);

}  // namespace ckpt::cnpg
