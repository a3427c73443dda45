// Content negotiation for resource responses: reads an Accept header the way the API server
// does and picks the first representation it can serve: the object itself (application/json,
// application/*, */* or no Accept) or a meta.k8s.io/v1 Table
// ("application/json;as=Table;v=v1;g=meta.k8s.io"). Other "as=" forms, protobuf and YAML are
// skipped; when nothing is left the answer is 406.
#pragma once

#include <optional>
#include <string_view>

namespace ckpt::kubeapi {

enum class Representation { object, table };

std::optional<Representation> negotiate_representation(std::string_view accept);

}  // namespace ckpt::kubeapi
