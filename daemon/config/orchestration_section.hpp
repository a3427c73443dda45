// Reading of the configuration's `prometheus` servers and `flag_backends` (docs/
// configuration.md): what plans may name in their SLO metrics and flag scopes. Names are
// unique Kubernetes-style names; a Prometheus URL is http(s); a flag backend holds exactly
// one of flagd_file, config_map, deployment_env, webhook. Problems are collected by the
// YamlReader, one line each, naming the key path and the line.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

namespace ckpt::config {

void read_prometheus_servers(YamlReader& reader, const YAML::Node& node, const std::string& path,
                             std::vector<PrometheusServer>& out);
void read_flag_backends(YamlReader& reader, const YAML::Node& node, const std::string& path,
                        std::vector<FlagBackend>& out);

}  // namespace ckpt::config
