// YAML to JSON, for CRD files and test manifests. Scalars follow the YAML 1.2 core schema
// the way Kubernetes tooling reads them: quoted scalars are strings; plain scalars are
// null (~, null, empty), booleans (true/false), integers, floats, or else strings.
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

// Every non-empty document of a (possibly multi-document) YAML text.
Result<std::vector<boost::json::value>> parse_yaml_documents(std::string_view text);

// The first non-empty document of a YAML file; an error names the file.
Result<boost::json::value> read_yaml_file(const std::filesystem::path& path);

}  // namespace ckpt::kubeapi
