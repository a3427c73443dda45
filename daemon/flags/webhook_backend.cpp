#include "flags/webhook_backend.hpp"

#include "config/secret_file.hpp"
#include "flags/webhook_message.hpp"
#include "obs/redact.hpp"

namespace ckpt::flags {
namespace {

net::ClientOptions client_options() {
  net::ClientOptions options;
  options.peer_name = "flag webhook";
  options.max_response_bytes = 1024 * 1024;
  return options;
}

}  // namespace

Result<std::unique_ptr<WebhookBackend>> WebhookBackend::create(boost::asio::any_io_executor io,
                                                               config::WebhookBackend settings) {
  auto url = net::parse_http_url(settings.url);
  if (!url) return make_error(url.error().code, "webhook " + url.error().message);
  url->endpoint.ca_file = settings.ca_file.string();
  if (auto tls = net::check_tls_settings(url->endpoint); !tls) {
    return make_error(ErrorCode::bad_request, "webhook TLS settings: " + tls.error().message);
  }
  return std::unique_ptr<WebhookBackend>(new WebhookBackend(std::move(io), std::move(*url), std::move(settings)));
}

WebhookBackend::WebhookBackend(boost::asio::any_io_executor io, net::HttpUrl url, config::WebhookBackend settings)
    : url_(std::move(url)), settings_(std::move(settings)), http_(std::move(io), url_.endpoint, client_options()) {}

boost::asio::awaitable<Result<void>> WebhookBackend::set(std::string scope, std::string flag, bool on,
                                                         FlagChangeContext context) {
  auto body = webhook_body(scope, flag, on, context);
  co_return co_await post(std::move(body));
}

boost::asio::awaitable<Result<std::optional<bool>>> WebhookBackend::read(std::string /*flag*/) {
  co_return std::optional<bool>();
}

boost::asio::awaitable<Result<void>> WebhookBackend::post(std::string body) {
  net::HttpRequest request;
  request.method = "POST";
  request.target = url_.target;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  std::string token;
  if (!settings_.bearer_token_file.empty()) {
    auto read = config::read_secret_file(settings_.bearer_token_file);
    if (!read) co_return std::move(read).error();
    token = std::move(*read);
    request.headers.emplace_back("Authorization", "Bearer " + token);
  }
  auto response = co_await http_.request(std::move(request), settings_.timeout);
  Result<void> outcome = response ? webhook_outcome(*response) : Result<void>(std::move(response).error());
  if (outcome) co_return outcome;
  auto error = std::move(outcome).error();
  error.message = obs::redact(error.message, {token});
  co_return error;
}

}  // namespace ckpt::flags
