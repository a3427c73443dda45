#include "config/config_loader.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

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
                    Field{"clusters", [&](const YAML::Node& node, const std::string& path) {
                            read_clusters(node, path, config.clusters);
                          }}.required(),
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
    const bool is_map = r_.read_map(
        node, path,
        {
            Field{"name", [&](const YAML::Node& value, const std::string& name_path) {
                    read_cluster_name(value, name_path, path, out.name);
                  }}.required(),
            Field{"engine", [&](const YAML::Node& value, const std::string& engine_path) {
                    engine_valid = r_.read_choice(value, engine_path, {"local"}, out.engine);
                  }},
            r_.boolean("auto_restore", out.auto_restore),
            Field{"deadlines", [&](const YAML::Node& value, const std::string& deadlines_path) {
                    read_deadlines(value, deadlines_path, out.deadlines);
                  }},
            Field{"local", [&](const YAML::Node& value, const std::string& local_path) {
                    LocalCluster local;
                    if (read_local(value, local_path, local)) out.local = std::move(local);
                  }},
        });
    if (is_map && engine_valid && out.engine == "local" && !out.local) {
      r_.error_at(node, YamlReader::quote(YamlReader::child_path(path, "local")) + " is required when " +
                            YamlReader::quote(YamlReader::child_path(path, "engine")) + " is local");
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
                       });
  }

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
                          "clusters), got " + YamlReader::describe(root));
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
