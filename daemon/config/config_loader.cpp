#include "config/config_loader.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "config/host_template.hpp"
#include "config/kubernetes_name.hpp"
#include "config/orchestration_section.hpp"
#include "config/yaml_reader.hpp"
#include "core/begin_validation.hpp"

namespace ckpt::config {
namespace {

constexpr std::uint16_t kAnyFreePort = 0;  // tcp.port 0: the kernel picks one (tests)
constexpr std::uint16_t kMinPort = 1;
constexpr std::uint16_t kMaxPort = 65535;

bool is_ip_address(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1 || inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// A section of a cluster (local, cnpg) and where it was given, to check it against the engine.
struct GivenSection {
  YAML::Node node;
  bool given = false;
};

// The layout of the file, section by section, on top of the generic YamlReader.
class ConfigSchema {
 public:
  explicit ConfigSchema(YamlReader& reader) : r_(reader) {}

  void read(const YAML::Node& root, Config& config) {
    r_.read_map(root, "",
                {
                    Field{"listen", [&](const YAML::Node& node, const std::string& path) {
                            read_listen(node, path, config.listen);
                          }},
                    r_.absolute_path("state_directory", config.state_directory),
                    Field{"log", [&](const YAML::Node& node, const std::string& path) {
                            read_logging(node, path, config.log);
                          }},
                    Field{"limits", [&](const YAML::Node& node, const std::string& path) {
                            read_limits(node, path, config.limits);
                          }},
                    Field{"kubernetes", [&](const YAML::Node& node, const std::string& path) {
                            read_kubernetes(node, path, config.kubernetes);
                          }},
                    Field{"clusters", [&](const YAML::Node& node, const std::string& path) {
                            read_clusters(node, path, config.clusters);
                          }}.required(),
                    Field{"prometheus", [&](const YAML::Node& node, const std::string& path) {
                            read_prometheus_servers(r_, node, path, config.prometheus);
                          }},
                    Field{"flag_backends", [&](const YAML::Node& node, const std::string& path) {
                            read_flag_backends(r_, node, path, config.flag_backends);
                          }},
                });
  }

 private:
  void read_listen(const YAML::Node& node, const std::string& path, Listen& out) {
    r_.read_map(node, path,
                {
                    r_.absolute_path("unix_socket", out.unix_socket),
                    r_.file_mode("socket_mode", out.socket_mode),
                    Field{"tcp", [&](const YAML::Node& value, const std::string& tcp_path) {
                            TcpListener tcp;
                            if (read_tcp(value, tcp_path, tcp)) out.tcp = std::move(tcp);
                          }},
                });
  }

  bool read_tcp(const YAML::Node& node, const std::string& path, TcpListener& out) {
    return r_.read_map(
        node, path,
        {
            Field{"address", [&](const YAML::Node& value, const std::string& address_path) {
                    if (!value.IsScalar() || !is_ip_address(value.Scalar())) {
                      r_.type_error(value, address_path, "an IP address such as 127.0.0.1 or ::1");
                      return;
                    }
                    out.address = value.Scalar();
                  }},
            r_.integer("port", kAnyFreePort, kMaxPort, out.port).required(),
            r_.absolute_path("token_file", out.token_file).required(),
            Field{"tls", [&](const YAML::Node& value, const std::string& tls_path) {
                    TlsFiles tls;
                    if (r_.read_map(value, tls_path,
                                    {
                                        r_.absolute_path("cert_file", tls.cert_file).required(),
                                        r_.absolute_path("key_file", tls.key_file).required(),
                                    })) {
                      out.tls = std::move(tls);
                    }
                  }},
        });
  }

  void read_logging(const YAML::Node& node, const std::string& path, Logging& out) {
    r_.read_map(node, path,
                {
                    r_.choice("level", {"trace", "debug", "info", "warn", "error"}, out.level),
                    r_.choice("format", {"text", "json"}, out.format),
                });
  }

  void read_limits(const YAML::Node& node, const std::string& path, Limits& out) {
    r_.read_map(node, path,
                {
                    r_.integer<std::size_t>("max_body_bytes", 1024, 64 * 1024 * 1024, out.max_body_bytes),
                    r_.duration("shutdown_grace", DurationRule::zero_allowed, out.shutdown_grace),
                    r_.integer("blocking_threads", 1U, 256U, out.blocking_threads),
                });
  }

  void read_kubernetes(const YAML::Node& node, const std::string& path, Kubernetes& out) {
    r_.read_map(node, path,
                {
                    r_.absolute_path_or_empty("kubeconfig", out.kubeconfig),
                    r_.text("context", out.context),
                    r_.boolean("insecure_skip_tls_verify", out.insecure_skip_tls_verify),
                    r_.duration("request_timeout", DurationRule::positive, out.request_timeout),
                });
  }

  void read_clusters(const YAML::Node& node, const std::string& path, std::vector<Cluster>& out) {
    if (!node.IsSequence()) {
      r_.type_error(node, path, "a list of clusters");
      return;
    }
    if (node.size() == 0) {
      r_.error_at(node, YamlReader::quote(path) + " must list at least one cluster");
      return;
    }
    for (std::size_t index = 0; index < node.size(); ++index) {
      Cluster cluster;
      read_cluster(node[index], YamlReader::item_path(path, index), cluster);
      out.push_back(std::move(cluster));
    }
  }

  void read_cluster(const YAML::Node& node, const std::string& path, Cluster& out) {
    bool engine_valid = true;
    GivenSection local;
    GivenSection cnpg;
    const bool is_map = r_.read_map(
        node, path,
        {
            Field{"name", [&](const YAML::Node& value, const std::string& name_path) {
                    read_cluster_name(value, name_path, path, out.name);
                  }}.required(),
            Field{"engine", [&](const YAML::Node& value, const std::string& engine_path) {
                    engine_valid = r_.read_choice(value, engine_path, {"local", "cnpg"}, out.engine);
                  }},
            r_.boolean("auto_restore", out.auto_restore),
            r_.duration("restore_evidence_max_age", DurationRule::positive, out.restore_evidence_max_age),
            r_.duration("rto_budget", DurationRule::zero_allowed, out.rto_budget),
            Field{"drill", [&](const YAML::Node& value, const std::string& drill_path) {
                    DrillSchedule drill;
                    if (read_drill(value, drill_path, drill)) out.drill = std::move(drill);
                  }},
            Field{"deadlines", [&](const YAML::Node& value, const std::string& deadlines_path) {
                    read_deadlines(value, deadlines_path, out.deadlines);
                  }},
            Field{"local", [&](const YAML::Node& value, const std::string& local_path) {
                    local = {value, true};
                    LocalCluster settings;
                    if (read_local(value, local_path, settings)) out.local = std::move(settings);
                  }},
            Field{"cnpg", [&](const YAML::Node& value, const std::string& cnpg_path) {
                    cnpg = {value, true};
                    CnpgCluster settings;
                    if (read_cnpg(value, cnpg_path, settings)) out.cnpg = std::move(settings);
                  }},
        });
    if (!is_map || !engine_valid) return;
    check_engine_section(node, path, "local", local, out.engine);
    check_engine_section(node, path, "cnpg", cnpg, out.engine);
  }

  // Each engine has its own section (named like the engine): the cluster's engine needs
  // its section, and another engine's section is an error.
  void check_engine_section(const YAML::Node& cluster_node, const std::string& path, const std::string& section,
                            const GivenSection& given, const std::string& engine) {
    const auto section_path = YamlReader::quote(YamlReader::child_path(path, section));
    const auto engine_path = YamlReader::quote(YamlReader::child_path(path, "engine"));
    if (engine == section && !given.given) {
      r_.error_at(cluster_node, section_path + " is required when " + engine_path + " is " + engine);
    } else if (engine != section && given.given) {
      r_.error_at(given.node, section_path + " is not allowed when " + engine_path + " is " + engine +
                                  "; remove it or set engine: " + section);
    }
  }

  void read_cluster_name(const YAML::Node& node, const std::string& path, const std::string& cluster_path,
                         std::string& out) {
    if (!r_.read_string(node, path, out)) return;
    if (!is_valid_cluster_name(out)) {
      r_.type_error(node, path,
                    "a cluster name of lowercase letters, digits and '-', starting with a letter, "
                    "not ending with '-', at most 40 characters");
      return;
    }
    const auto [first, inserted] = cluster_path_by_name_.emplace(out, cluster_path);
    if (!inserted) {
      r_.error_at(node, YamlReader::quote(path) + " repeats the name '" + out + "' of " + YamlReader::quote(first->second) +
                            "; cluster names must be unique");
    }
  }

  bool read_drill(const YAML::Node& node, const std::string& path, DrillSchedule& out) {
    bool schedule_valid = false;
    const bool is_map = r_.read_map(
        node, path,
        {
            Field{"schedule", [&](const YAML::Node& value, const std::string& schedule_path) {
                    std::string text;
                    if (!r_.read_string(value, schedule_path, text)) return;
                    auto schedule = parse_cron(text);
                    if (!schedule) {
                      r_.error_at(value, YamlReader::quote(schedule_path) + ": " + schedule.error().message);
                      return;
                    }
                    out.schedule = std::move(schedule).value();
                    schedule_valid = true;
                  }}.required(),
            r_.boolean("keep", out.keep),
        });
    return is_map && schedule_valid;
  }

  void read_deadlines(const YAML::Node& node, const std::string& path, Deadlines& out) {
    r_.read_map(node, path,
                {
                    r_.duration("preflight", DurationRule::positive, out.preflight),
                    r_.duration("backup", DurationRule::positive, out.backup),
                    r_.duration("archive_wait", DurationRule::positive, out.archive_wait),
                    r_.duration("restore", DurationRule::positive, out.restore),
                });
  }

  bool read_local(const YAML::Node& node, const std::string& path, LocalCluster& out) {
    return r_.read_map(node, path,
                       {
                           r_.absolute_path("data_directory", out.data_directory).required(),
                           r_.integer("port", kMinPort, kMaxPort, out.port),
                           r_.string("host", out.host),
                           r_.string("user", out.user),
                           r_.string("database", out.database),
                           r_.absolute_path("password_file", out.password_file),
                           r_.absolute_path("bin_directory", out.bin_directory),
                           r_.absolute_path("archive_directory", out.archive_directory).required(),
                           r_.absolute_path("backup_directory", out.backup_directory).required(),
                           r_.absolute_path("restore_directory", out.restore_directory).required(),
                           r_.duration("backup_max_age", DurationRule::zero_allowed, out.backup_max_age),
                           r_.integer("restore_parallelism", 1U, 64U, out.restore_parallelism),
                           r_.boolean("prewarmed_restore", out.prewarmed_restore),
                       });
  }

  bool read_cnpg(const YAML::Node& node, const std::string& path, CnpgCluster& out) {
    return r_.read_map(
        node, path,
        {
            kubernetes_name("namespace", out.namespace_name).required(),
            kubernetes_name("cluster", out.cluster_name).required(),
            r_.choice("backup_method", {"plugin", "barmanObjectStore", "volumeSnapshot"}, out.backup_method),
            r_.string("plugin_name", out.plugin_name),
            r_.string("barman_object_name", out.barman_object_name),
            r_.string("server_name", out.server_name),
            r_.choice("recovery_target", {"lsn", "name", "time"}, out.recovery_target),
            Field{"rw_host", [&](const YAML::Node& value, const std::string& host_path) {
                    std::string host;
                    if (!r_.read_string(value, host_path, host)) return;
                    if (!expand_host_template(host, "c", "n")) {
                      r_.type_error(value, host_path,
                                    "a host name, address or socket directory in which '{' and '}' appear only "
                                    "in the placeholders {cluster} and {namespace}");
                      return;
                    }
                    out.rw_host = std::move(host);
                  }},
            r_.integer("rw_port", kMinPort, kMaxPort, out.rw_port),
            r_.string("user", out.user),
            r_.string("database", out.database),
            r_.absolute_path("password_file", out.password_file),
            r_.choice("sslmode", {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}, out.sslmode),
            r_.absolute_path("sslrootcert", out.sslrootcert),
            Field{"backup_phase_deadlines", [&](const YAML::Node& value, const std::string& phases_path) {
                    r_.read_map(value, phases_path,
                                {
                                    r_.duration("pending", DurationRule::positive, out.backup_phase_deadlines.pending),
                                    r_.duration("wal_archiving_failing", DurationRule::positive,
                                                out.backup_phase_deadlines.wal_archiving_failing),
                                });
                  }},
        });
  }

  Field kubernetes_name(std::string_view key, std::string& out) { return kubernetes_name_field(r_, key, out); }

  YamlReader& r_;
  std::map<std::string, std::string, std::less<>> cluster_path_by_name_;
};

Error config_error(const std::vector<std::string>& lines) {
  std::string message;
  for (const auto& line : lines) {
    if (!message.empty()) message += '\n';
    message += line;
  }
  return make_error(ErrorCode::bad_request, std::move(message));
}

}  // namespace

Result<Config> parse_config(std::string_view yaml_text, std::string_view source_name) {
  YamlReader reader{std::string(source_name)};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    return config_error({std::string(source_name) + ":" + std::to_string(e.mark.line + 1) +
                         ": invalid YAML at column " + std::to_string(e.mark.column + 1) + ": " + e.msg});
  }
  if (root.IsNull()) {
    reader.error("holds no settings; it needs at least a 'clusters' list (see docs/configuration.md)");
  } else if (!root.IsMap()) {
    reader.error_at(root, "the top level must be a map of keys (listen, state_directory, log, limits, "
                          "kubernetes, clusters, prometheus, flag_backends), got " + YamlReader::describe(root));
  } else {
    Config config;
    ConfigSchema{reader}.read(root, config);
    if (reader.errors().empty()) return config;
  }
  return config_error(reader.errors());
}

Result<Config> load_config_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return make_error(ErrorCode::bad_request,
                      "config file '" + path.string() + "' is a directory; give the path of the YAML file");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return make_error(ErrorCode::bad_request,
                      "cannot read config file '" + path.string() + "': " + std::strerror(errno));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace ckpt::config
