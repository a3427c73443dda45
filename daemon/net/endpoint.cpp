#include "net/endpoint.hpp"

#include <charconv>

namespace ckpt::net {
namespace {

constexpr std::string_view kAcceptedForms =
    "use unix:///path/to.sock, /path/to.sock, http://host:port or https://host:port";

Error invalid(std::string_view text, std::string_view why) {
  return make_error(ErrorCode::bad_request, "endpoint \"" + std::string(text) + "\" " +
                                                std::string(why) + "; " +
                                                std::string(kAcceptedForms));
}

Result<std::uint16_t> parse_port(std::string_view original, std::string_view digits) {
  unsigned value = 0;
  const auto* end = digits.data() + digits.size();
  const auto [stop, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc{} || stop != end || value == 0 || value > 65535) {
    return invalid(original, "has an invalid port (expected 1-65535)");
  }
  return static_cast<std::uint16_t>(value);
}

Result<Endpoint> parse_unix(std::string_view original, std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return invalid(original, "must name an absolute socket path");
  }
  Endpoint endpoint;
  endpoint.kind = Endpoint::Kind::unix_socket;
  endpoint.path = std::string(path);
  return endpoint;
}

Result<Endpoint> parse_tcp(std::string_view original, std::string_view authority, bool tls) {
  if (!authority.empty() && authority.back() == '/') authority.remove_suffix(1);
  if (authority.find('/') != std::string_view::npos) {
    return invalid(original, "must not contain a path");
  }
  Endpoint endpoint;
  endpoint.kind = Endpoint::Kind::tcp;
  endpoint.tls = tls;
  endpoint.port = tls ? 443 : 80;
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos)
      return invalid(original, "has an unclosed '[' in its host");
    endpoint.host = std::string(authority.substr(1, close - 1));
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':'))
      return invalid(original, "has text after its host");
    has_port = !rest.empty();
    if (has_port) port_text = rest.substr(1);
  } else {
    const auto colon = authority.find(':');
    endpoint.host = std::string(authority.substr(0, colon));
    has_port = colon != std::string_view::npos;
    if (has_port) port_text = authority.substr(colon + 1);
  }
  if (endpoint.host.empty()) return invalid(original, "has no host");
  if (has_port) {
    auto port = parse_port(original, port_text);
    if (!port) return std::move(port).error();
    endpoint.port = *port;
  }
  return endpoint;
}

}  // namespace

Result<Endpoint> Endpoint::parse(std::string_view text) {
  if (text.empty()) return invalid(text, "is empty");
  if (text.starts_with("unix://")) return parse_unix(text, text.substr(7));
  if (text.starts_with('/')) return parse_unix(text, text);
  if (text.starts_with("http://")) return parse_tcp(text, text.substr(7), false);
  if (text.starts_with("https://")) return parse_tcp(text, text.substr(8), true);
  return invalid(text, "has an unknown form");
}

std::string Endpoint::to_string() const {
  if (kind == Kind::unix_socket) return "unix://" + path;
  return std::string(tls ? "https://" : "http://") + authority();
}

std::string Endpoint::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace ckpt::net
