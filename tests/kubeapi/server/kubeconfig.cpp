#include "kubeapi/server/kubeconfig.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "kubeapi/server/base64.hpp"

namespace ckpt::kubeapi {
namespace {

// A YAML double-quoted scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_kubeconfig(const KubeconfigSpec& spec) {
  return fmt::format(R"(apiVersion: v1
kind: Config
clusters:
- name: {name}
  cluster:
    server: {server}
    certificate-authority-data: {ca}
users:
- name: {name}
  user:
    token: {token}
contexts:
- name: {name}
  context:
    cluster: {name}
    user: {name}
    namespace: {namespace}
current-context: {name}
)",
                     fmt::arg("name", quoted(spec.name)), fmt::arg("server", quoted(spec.server_url)),
                     fmt::arg("ca", base64_encode(spec.ca_pem)), fmt::arg("token", quoted(spec.token)),
                     fmt::arg("namespace", quoted(spec.namespace_name)));
}

Result<void> write_kubeconfig(const std::filesystem::path& path, const KubeconfigSpec& spec) {
  const std::string text = render_kubeconfig(spec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error(ErrorCode::internal, "cannot write " + path.string() + ": " + std::strerror(errno));
  const ssize_t written = ::write(fd, text.data(), text.size());
  const int write_errno = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    return make_error(ErrorCode::internal,
                      "cannot write " + path.string() + ": " + std::strerror(write_errno));
  }
  return {};
}

}  // namespace ckpt::kubeapi
