// Fuzzes the parser of one line of a Kubernetes watch stream (kube/watch_event.hpp): it
// must give an event, an ERROR event or an engine_error quoting the line, never crash or
// hang. A parsed event's object is read the way the watcher reads it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "kube/watch_event.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto event = ckpt::kube::parse_watch_line(line);
  if (!event.ok()) {
    if (event.error().code != ckpt::ErrorCode::engine_error ||
        !event.error().message.starts_with("the Kubernetes API sent a watch event that ")) {
      std::abort();
    }
    return 0;
  }
  if (const auto* added = std::get_if<ckpt::kube::WatchEvent>(&*event)) {
    (void)ckpt::kube::to_string(added->type);
    (void)ckpt::kube::metadata_field(added->object, "resourceVersion");
    (void)ckpt::kube::metadata_field(added->object, "name");
  }
  return 0;
}
