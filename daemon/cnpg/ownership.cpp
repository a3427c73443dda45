#include "cnpg/ownership.hpp"

#include "cnpg/json_lookup.hpp"
#include "cnpg/labels.hpp"

namespace ckpt::cnpg {

bool is_ours(const boost::json::object& api_object, std::string_view checkpoint_id) {
  if (checkpoint_id.empty()) return false;
  const auto* labels = object_at(object_at(&api_object, "metadata"), "labels");
  return string_at(labels, kManagedByLabel) == kManagedByValue &&
         string_at(labels, kCheckpointIdLabel) == sanitize_label_value(checkpoint_id);
}

}  // namespace ckpt::cnpg
