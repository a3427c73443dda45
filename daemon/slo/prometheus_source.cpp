#include "slo/prometheus_source.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "codec/echoed_text.hpp"
#include "kube/file_text.hpp"
#include "net/http_client.hpp"
#include "net/http_url.hpp"
#include "obs/redact.hpp"
#include "slo/prometheus_query.hpp"
#include "slo/prometheus_response.hpp"

namespace ckpt::slo {
namespace {

constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

// "" when the server has no token file.
Result<std::string> bearer_token(const config::PrometheusServer& server) {
  if (server.bearer_token_file.empty()) return std::string{};
  auto text = kube::read_file_text(server.bearer_token_file);
  if (!text) {
    return make_error(ErrorCode::unauthorized, "the bearer token file " + server.bearer_token_file.string() +
                                                   " cannot be read: " + text.error().message);
  }
  std::string token = kube::trimmed(*text);
  if (token.empty()) {
    return make_error(ErrorCode::unauthorized,
                      "the bearer token file " + server.bearer_token_file.string() + " is empty");
  }
  return token;
}

// The GET of the query, with the bearer token when there is one.
Result<net::HttpRequest> query_request(const config::PrometheusServer& server, const PrometheusQuery& query,
                                       const std::string& path_prefix, const std::string& token) {
  auto target = prometheus_query_target(path_prefix, query, std::chrono::system_clock::now());
  if (!target) return std::move(target).error();
  net::HttpRequest request{"GET", std::move(target).value(), {{"Accept", "application/json"}}, {}};
  for (const auto& [name, value] : server.headers) request.headers.emplace_back(name, value);
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  return request;
}

}  // namespace

boost::asio::awaitable<Result<ResultValue>> query_prometheus(boost::asio::any_io_executor io,
                                                             const config::PrometheusServer& server,
                                                             const PrometheusQuery& query, Millis timeout) {
  const std::string on_server =
      "prometheus query \"" + codec::echoed(query.query) + "\" on server \"" + server.name + "\"";
  auto url = net::parse_http_url(server.url);
  if (!url) co_return make_error(url.error().code, on_server + ": " + url.error().message);
  const std::string prefix = on_server + " (" + server.url + "): ";
  std::vector<std::string> secrets;
  const auto failed = [&](Error error) {
    error.message = obs::redact(prefix + error.message, secrets);
    return error;
  };
  if (url->target.find('?') != std::string::npos) {
    co_return failed(make_error(ErrorCode::bad_request, "the server URL must not have a query (\"?...\")"));
  }
  url->endpoint.ca_file = server.ca_file.string();
  url->endpoint.insecure_skip_verify = server.insecure_skip_tls_verify;
  auto token = bearer_token(server);
  if (!token) co_return failed(std::move(token).error());
  secrets.push_back(*token);
  auto request = query_request(server, query, url->target, *token);
  if (!request) co_return failed(std::move(request).error());

  net::HttpClient client(io, url->endpoint, net::ClientOptions{"the server", kMaxAnswerBytes});
  auto response = co_await client.request(std::move(request).value(), std::min(timeout, server.timeout));
  if (!response) co_return failed(std::move(response).error());
  auto value = read_prometheus_answer(response->status, response->body);
  if (!value) co_return failed(std::move(value).error());
  co_return std::move(value).value();
}

}  // namespace ckpt::slo
