#include "net/http_url.hpp"

#include <algorithm>

#include "net/body_excerpt.hpp"

namespace ckpt::net {
namespace {

// The URL without user information, query and fragment, quoted for a message.
std::string shown(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto scheme_end = url.find("://");
  const auto authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto authority_end = std::min(url.find('/', authority_start), url.size());
  const auto at = url.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < authority_start) return quoted_excerpt(url);
  return quoted_excerpt(std::string{url.substr(0, authority_start)} + std::string{url.substr(at + 1)});
}

Error invalid(std::string_view url, std::string_view why) {
  return make_error(ErrorCode::bad_request, "URL " + shown(url) + " " + std::string{why});
}

bool has_space_or_control(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20U || byte == 0x7FU) return true;
  }
  return false;
}

}  // namespace

Result<HttpUrl> parse_http_url(std::string_view url) {
  std::string_view scheme;
  for (const std::string_view candidate : {"http://", "https://"}) {
    if (url.starts_with(candidate)) scheme = candidate;
  }
  if (scheme.empty()) return invalid(url, "must start with http:// or https://");
  std::string_view rest = url.substr(scheme.size());
  rest = rest.substr(0, rest.find('#'));
  const auto target_start = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, target_start);
  if (authority.find('@') != std::string_view::npos) {
    return invalid(url,
                   "must not carry credentials (user:password@host); send them in a header or a bearer token file");
  }
  if (has_space_or_control(rest)) return invalid(url, "has a space or control character; percent-encode it");
  auto endpoint = Endpoint::parse(std::string{scheme} + std::string{authority});
  if (!endpoint) return invalid(url, "has no usable host and port: " + endpoint.error().message);
  const std::string_view path_and_query = target_start == std::string_view::npos ? "" : rest.substr(target_start);
  HttpUrl parsed{std::move(endpoint).value(), std::string{path_and_query}, {}};
  if (!parsed.target.starts_with('/')) parsed.target.insert(0, "/");
  parsed.display = parsed.endpoint.to_string() + std::string{path_and_query.substr(0, path_and_query.find('?'))};
  return parsed;
}

}  // namespace ckpt::net
