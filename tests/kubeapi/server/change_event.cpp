#include "kubeapi/server/change_event.hpp"

#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::added: return "ADDED";
    case EventType::modified: return "MODIFIED";
    case EventType::deleted: return "DELETED";
  }
  return "ERROR";
}

std::string ChangeEvent::namespace_name() const { return metadata_field(object, "namespace"); }

std::string ChangeEvent::name() const { return metadata_field(object, "name"); }

}  // namespace ckpt::kubeapi
