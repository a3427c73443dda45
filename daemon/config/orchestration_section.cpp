#include "config/orchestration_section.hpp"

#include <set>
#include <utility>

#include "config/kubernetes_name.hpp"

namespace ckpt::config {
namespace {

bool is_http_url(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

// Whether the URL's authority carries user information (user:password@host).
bool has_credentials(const std::string& url) {
  const std::size_t start = url.find("://") + 3;
  const std::size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start).find('@') != std::string::npos;
}

class OrchestrationSchema {
 public:
  explicit OrchestrationSchema(YamlReader& reader) : r_(reader) {}

  template <typename Item, typename ReadItem>
  void list(const YAML::Node& node, const std::string& path, std::string_view what, std::vector<Item>& out,
            ReadItem read_item) {
    if (!node.IsSequence()) {
      r_.type_error(node, path, std::string("a list of ") + std::string(what));
      return;
    }
    std::set<std::string> names;
    for (std::size_t index = 0; index < node.size(); ++index) {
      Item item;
      const std::string item_path = YamlReader::item_path(path, index);
      if (!(this->*read_item)(node[index], item_path, item)) continue;
      if (!names.insert(item.name).second) {
        r_.error_at(node[index], YamlReader::quote(item_path) + ": the name '" + item.name +
                                     "' is used twice; names must be unique");
        continue;
      }
      out.push_back(std::move(item));
    }
  }

  bool prometheus(const YAML::Node& node, const std::string& path, PrometheusServer& out) {
    return r_.read_map(node, path,
                       {
                           kubernetes_name_field(r_, "name", out.name).required(),
                           url("url", out.url).required(),
                           r_.duration("timeout", DurationRule::positive, out.timeout),
                           Field{"headers",
                                 [&](const YAML::Node& value, const std::string& value_path) {
                                   r_.read_string_map(value, value_path, out.headers);
                                 }},
                           r_.absolute_path_or_empty("bearer_token_file", out.bearer_token_file),
                           r_.absolute_path_or_empty("ca_file", out.ca_file),
                           r_.boolean("insecure_skip_tls_verify", out.insecure_skip_tls_verify),
                       }) &&
           !out.name.empty() && !out.url.empty();
  }

  bool flag_backend(const YAML::Node& node, const std::string& path, FlagBackend& out) {
    int backends = 0;
    const auto backend = [&](std::string_view key, auto read) {
      return Field{key, [this, &backends, &out, read](const YAML::Node& value, const std::string& value_path) {
                     ++backends;
                     (this->*read)(value, value_path, out);
                   }};
    };
    const bool is_map = r_.read_map(node, path,
                                    {
                                        kubernetes_name_field(r_, "name", out.name).required(),
                                        backend("flagd_file", &OrchestrationSchema::flagd_file),
                                        backend("config_map", &OrchestrationSchema::config_map),
                                        backend("deployment_env", &OrchestrationSchema::deployment_env),
                                        backend("webhook", &OrchestrationSchema::webhook),
                                    });
    if (is_map && backends != 1) {
      r_.error_at(
          node, YamlReader::quote(path) + " must hold exactly one of flagd_file, config_map, deployment_env, webhook");
      return false;
    }
    return is_map && !out.name.empty();
  }

 private:
  void flagd_file(const YAML::Node& node, const std::string& path, FlagBackend& out) {
    FlagdFileBackend backend;
    if (r_.read_map(node, path,
                    {
                        r_.absolute_path("file", backend.file).required(),
                        r_.string("on_variant", backend.on_variant),
                        r_.string("off_variant", backend.off_variant),
                    })) {
      out.backend = std::move(backend);
    }
  }

  void config_map(const YAML::Node& node, const std::string& path, FlagBackend& out) {
    ConfigMapBackend backend;
    if (r_.read_map(node, path,
                    {
                        kubernetes_name_field(r_, "namespace", backend.namespace_name).required(),
                        kubernetes_name_field(r_, "name", backend.name).required(),
                        r_.text("on_value", backend.on_value),
                        r_.text("off_value", backend.off_value),
                    })) {
      out.backend = std::move(backend);
    }
  }

  void deployment_env(const YAML::Node& node, const std::string& path, FlagBackend& out) {
    DeploymentEnvBackend backend;
    if (r_.read_map(node, path,
                    {
                        kubernetes_name_field(r_, "namespace", backend.namespace_name).required(),
                        kubernetes_name_field(r_, "deployment", backend.deployment).required(),
                        kubernetes_name_field(r_, "container", backend.container).required(),
                        r_.text("on_value", backend.on_value),
                        r_.text("off_value", backend.off_value),
                    })) {
      out.backend = std::move(backend);
    }
  }

  void webhook(const YAML::Node& node, const std::string& path, FlagBackend& out) {
    WebhookBackend backend;
    if (r_.read_map(node, path,
                    {
                        url("url", backend.url).required(),
                        r_.absolute_path_or_empty("bearer_token_file", backend.bearer_token_file),
                        r_.absolute_path_or_empty("ca_file", backend.ca_file),
                        r_.duration("timeout", DurationRule::positive, backend.timeout),
                    })) {
      out.backend = std::move(backend);
    }
  }

  Field url(std::string_view key, std::string& out) {
    return Field{key, [this, &out](const YAML::Node& value, const std::string& path) {
                   std::string text;
                   if (!r_.read_string(value, path, text)) return;
                   if (!is_http_url(text)) {
                     r_.type_error(value, path, "an http:// or https:// URL");
                     return;
                   }
                   if (has_credentials(text)) {
                     r_.error_at(value, YamlReader::quote(path) +
                                            " must not carry credentials (user:password@host); use bearer_token_file");
                     return;
                   }
                   out = std::move(text);
                 }};
  }

  YamlReader& r_;
};

}  // namespace

void read_prometheus_servers(YamlReader& reader, const YAML::Node& node, const std::string& path,
                             std::vector<PrometheusServer>& out) {
  OrchestrationSchema schema{reader};
  schema.list(node, path, "Prometheus servers, each {name, url}", out, &OrchestrationSchema::prometheus);
}

void read_flag_backends(YamlReader& reader, const YAML::Node& node, const std::string& path,
                        std::vector<FlagBackend>& out) {
  OrchestrationSchema schema{reader};
  schema.list(node, path, "flag backends, each {name, <one backend>}", out, &OrchestrationSchema::flag_backend);
}

}  // namespace ckpt::config
