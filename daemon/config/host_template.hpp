// The rw_host template of a cnpg cluster (docs/configuration.md): text in which
// "{cluster}" and "{namespace}" stand for a CNPG Cluster's name and namespace, so one
// setting reaches the source's read-write service and every recovery Cluster's. Any
// other use of '{' or '}' makes the template invalid (the config loader rejects it).
// Pure: no IO.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckpt::config {

// The template with its placeholders replaced; nullopt for an invalid template.
std::optional<std::string> expand_host_template(std::string_view text, std::string_view cluster,
                                                std::string_view namespace_name);

}  // namespace ckpt::config
