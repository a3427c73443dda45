#include "kube/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <utility>
#include <vector>

#include "kube/base64.hpp"
#include "kube/file_text.hpp"
#include "net/http_client.hpp"

namespace ckpt::kube {
namespace {

// PEM material from a "<field>-data" (decoded) or "<field>" (a file) pair.
struct PemSource {
  std::string file;
  std::string pem;
  std::string field;  // the field it came from, for messages; empty when absent
};

// Reads one kubeconfig; every error names the file and what in it is wrong.
class KubeconfigReader {
 public:
  explicit KubeconfigReader(std::filesystem::path path) : path_(std::move(path)), directory_(path_.parent_path()) {}

  Result<KubeConnection> load(std::string_view context_name) {
    auto text = read_file_text(path_);
    if (!text) {
      return make_error(ErrorCode::bad_request, "kubeconfig " + path_.string() +
                                                    " cannot be read: " + text.error().message +
                                                    "; point kubernetes.kubeconfig at a readable kubeconfig file");
    }
    return parse(*text, context_name);
  }

  Result<KubeConnection> parse(std::string_view text, std::string_view context_name) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& failure) {
      return make_error(ErrorCode::bad_request, "kubeconfig " + path_.string() + " is not valid YAML: " + failure.msg +
                                                    " (line " + std::to_string(failure.mark.line + 1) + ")");
    }
    if (!root.IsMap()) {
      return error("it is not a kubeconfig (expected a mapping with clusters, users and contexts)");
    }
    return load(root, context_name);
  }

 private:
  Result<KubeConnection> load(const YAML::Node& root, std::string_view requested) {
    std::string context_name(requested);
    if (context_name.empty()) {
      auto current = text(root, "current-context", "");
      if (!current) return std::move(current).error();
      context_name = *current;
    }
    if (context_name.empty()) {
      return error(
          "no context was named and current-context is not set; set kubernetes.context or "
          "current-context");
    }
    auto context = entry(root, "contexts", "context", context_name);
    if (!context) return std::move(context).error();
    const std::string where_context = "context \"" + context_name + "\"";
    auto cluster_name = required_text(*context, "cluster", where_context);
    if (!cluster_name) return std::move(cluster_name).error();
    auto user_name = required_text(*context, "user", where_context);
    if (!user_name) return std::move(user_name).error();
    auto namespace_name = text(*context, "namespace", where_context);
    if (!namespace_name) return std::move(namespace_name).error();

    auto cluster = entry(root, "clusters", "cluster", *cluster_name, where_context);
    if (!cluster) return std::move(cluster).error();
    auto user = entry(root, "users", "user", *user_name, where_context);
    if (!user) return std::move(user).error();

    KubeConnection connection;
    if (!namespace_name->empty()) connection.namespace_name = *namespace_name;
    auto server = read_cluster(*cluster, "cluster \"" + *cluster_name + "\"", connection);
    if (!server) return std::move(server).error();
    auto credentials = read_user(*user, *user_name, connection);
    if (!credentials) return std::move(credentials).error();
    connection.credentials += " in kubeconfig " + path_.string() + " (" + where_context + ")";
    if (auto tls = net::check_tls_settings(connection.endpoint); !tls) {
      return error(where_context + ": " + tls.error().message);
    }
    return connection;
  }

  Result<void> read_cluster(const YAML::Node& cluster, const std::string& where, KubeConnection& connection) {
    for (const char* refused : {"tls-server-name", "proxy-url"}) {
      if (cluster[refused]) {
        return error(where + ": " + refused + " is not supported; connect to the API server's own address instead");
      }
    }
    auto server = required_text(cluster, "server", where);
    if (!server) return std::move(server).error();
    auto parsed = parse_server(*server, where, connection);
    if (!parsed) return parsed;

    auto insecure = flag(cluster, "insecure-skip-tls-verify", where);
    if (!insecure) return std::move(insecure).error();
    auto ca = pem_source(cluster, "certificate-authority", where);
    if (!ca) return std::move(ca).error();
    if (*insecure && !ca->field.empty()) {
      return error(where +
                   ": insecure-skip-tls-verify cannot be combined with certificate-authority or "
                   "certificate-authority-data; remove one");
    }
    connection.endpoint.insecure_skip_verify = *insecure;
    connection.endpoint.ca_file = ca->file;
    connection.endpoint.ca_pem = ca->pem;
    return {};
  }

  Result<void> parse_server(const std::string& url, const std::string& where, KubeConnection& connection) const {
    constexpr std::string_view kScheme = "https://";
    if (!url.starts_with(kScheme)) {
      return error(where + ": server \"" + url +
                   "\" must be an https:// URL; checkpointd talks to the Kubernetes API over TLS "
                   "only");
    }
    const auto slash = url.find('/', kScheme.size());
    auto endpoint = net::Endpoint::parse(url.substr(0, slash));
    if (!endpoint) {
      return error(where + ": server \"" + url + "\" is not a valid https://host[:port] URL");
    }
    connection.endpoint = std::move(*endpoint);
    if (slash != std::string::npos) {
      std::string prefix = url.substr(slash);
      while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
      connection.path_prefix = std::move(prefix);
    }
    return {};
  }

  Result<void> read_user(const YAML::Node& user, const std::string& name, KubeConnection& connection) {
    const std::string where = "user \"" + name + "\"";
    constexpr std::string_view kSupported = "; give the user a token, tokenFile or client-certificate and client-key";
    if (user["exec"]) return error(where + ": exec credential plugins are not supported" + std::string(kSupported));
    if (user["auth-provider"]) return error(where + ": auth-provider is not supported" + std::string(kSupported));
    if (user["username"] || user["password"]) {
      return error(where + ": username/password (basic auth) is not supported" + std::string(kSupported));
    }
    if (user["as"] || user["as-groups"] || user["as-uid"]) {
      return error(where +
                   ": impersonation (as, as-groups, as-uid) is not supported; use the identity's own credentials");
    }

    auto token = text(user, "token", where);
    if (!token) return std::move(token).error();
    auto token_file = text(user, "tokenFile", where);
    if (!token_file) return std::move(token_file).error();
    auto certificate = pem_source(user, "client-certificate", where);
    if (!certificate) return std::move(certificate).error();
    auto key = pem_source(user, "client-key", where);
    if (!key) return std::move(key).error();

    if (certificate->field.empty() != key->field.empty()) {
      const auto& present = certificate->field.empty() ? key->field : certificate->field;
      const std::string missing = certificate->field.empty() ? "client-certificate" : "client-key";
      return error(where + ": " + present + " is set but neither " + missing + " nor " + missing + "-data is");
    }
    std::vector<std::string> kinds;
    if (!token->empty()) {
      connection.token = *token;
      kinds.emplace_back("bearer token");
    } else if (!token_file->empty()) {
      connection.token_file = resolve(*token_file);
      if (auto readable = read_file_text(connection.token_file); !readable) {
        return error(where + ": tokenFile \"" + connection.token_file.string() +
                     "\" cannot be read: " + readable.error().message);
      }
      kinds.emplace_back("bearer token file " + connection.token_file.string());
    }
    if (!certificate->field.empty()) {
      connection.endpoint.client_cert_file = certificate->file;
      connection.endpoint.client_cert_pem = certificate->pem;
      connection.endpoint.client_key_file = key->file;
      connection.endpoint.client_key_pem = key->pem;
      kinds.emplace_back("client certificate");
    }
    if (kinds.empty()) return error(where + " has no credentials" + std::string(kSupported));
    connection.credentials = kinds.front();
    if (kinds.size() > 1) connection.credentials += " and " + kinds.back();
    connection.credentials += " of " + where;
    return {};
  }

  // The inner mapping of the entry called `name` in a list such as clusters[].cluster.
  Result<YAML::Node> entry(const YAML::Node& root, const char* list_key, const char* item_key, const std::string& name,
                           const std::string& named_by = {}) const {
    const YAML::Node list = root[list_key];
    if (list && !list.IsSequence() && !list.IsNull()) return error(std::string(list_key) + " must be a list");
    std::vector<std::string> names;
    if (list && list.IsSequence()) {
      for (const auto& item : list) {
        if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) {
          return error("every entry of " + std::string(list_key) + " needs a name");
        }
        const std::string item_name = item["name"].as<std::string>();
        if (item_name == name) {
          const YAML::Node inner = item[item_key];
          if (!inner || !inner.IsMap()) {
            return error(std::string(item_key) + " \"" + name + "\" has no " + item_key + " mapping");
          }
          return inner;
        }
        names.push_back("\"" + item_name + "\"");
      }
    }
    std::string known = names.empty() ? "none" : names.front();
    for (std::size_t i = 1; i < names.size(); ++i) known += ", " + names[i];
    if (!named_by.empty()) {
      return error(named_by + " names " + item_key + " \"" + name + "\", which is not in " + list_key + " (it has " +
                   known + ")");
    }
    return error(std::string(item_key) + " \"" + name + "\" not found (" + list_key + ": " + known + ")");
  }

  // A string field; "" when absent or null.
  Result<std::string> text(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return std::string();
    if (!node.IsScalar()) return error(prefixed(where, key) + " must be a string");
    return node.as<std::string>();
  }

  Result<std::string> required_text(const YAML::Node& map, const char* key, const std::string& where) const {
    auto value = text(map, key, where);
    if (value && value->empty()) return error(where + " has no " + key);
    return value;
  }

  Result<bool> flag(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return false;
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
      return error(prefixed(where, key) + " must be true or false");
    }
    return value;
  }

  Result<PemSource> pem_source(const YAML::Node& map, const std::string& field, const std::string& where) const {
    const std::string data_field = field + "-data";
    auto data = text(map, data_field.c_str(), where);
    if (!data) return std::move(data).error();
    if (!data->empty()) {
      auto decoded = decode_base64(*data);
      if (!decoded || decoded->empty()) return error(prefixed(where, data_field) + " is not valid base64");
      return PemSource{{}, std::move(*decoded), data_field};
    }
    auto file = text(map, field.c_str(), where);
    if (!file) return std::move(file).error();
    if (file->empty()) return PemSource{};
    const std::filesystem::path resolved = resolve(*file);
    if (auto readable = read_file_text(resolved); !readable) {
      return error(where + ": " + field + " \"" + resolved.string() + "\" cannot be read: " + readable.error().message);
    }
    return PemSource{resolved.string(), {}, field};
  }

  std::filesystem::path resolve(const std::string& file) const {
    const std::filesystem::path path(file);
    return path.is_absolute() ? path : directory_ / path;
  }

  static std::string prefixed(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + ": " + key;
  }

  Error error(const std::string& what) const {
    return make_error(ErrorCode::bad_request, "kubeconfig " + path_.string() + ": " + what);
  }

  std::filesystem::path path_;
  std::filesystem::path directory_;
};

}  // namespace

Result<KubeConnection> load_kubeconfig(const std::filesystem::path& path, std::string_view context_name) {
  return KubeconfigReader(path).load(context_name);
}

Result<KubeConnection> parse_kubeconfig(std::string_view text, const std::filesystem::path& path,
                                        std::string_view context_name) {
  return KubeconfigReader(path).parse(text, context_name);
}

}  // namespace ckpt::kube
