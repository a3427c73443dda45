// A scope whose flags are switched by a webhook (webhook_message.hpp): a change is one
// POST with a JSON body, "Authorization: Bearer <token>" when a token file is configured
// (read again for every call, so a rotated token is used at once), TLS verified against
// the configured CA file or the system's, everything within the configured timeout. The
// webhook cannot be read back: read() answers nullopt. The token never appears in an
// error, even when the server echoes it in its answer.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "config/config.hpp"
#include "flags/flag_backend.hpp"
#include "net/http_client.hpp"
#include "net/http_url.hpp"

namespace ckpt::flags {

class WebhookBackend final : public FlagBackend {
 public:
  // An error (bad_request) when the URL or the CA file is unusable.
  static Result<std::unique_ptr<WebhookBackend>> create(boost::asio::any_io_executor io,
                                                        config::WebhookBackend settings);

  boost::asio::awaitable<Result<void>> set(std::string scope, std::string flag, bool on,
                                           FlagChangeContext context) override;
  boost::asio::awaitable<Result<std::optional<bool>>> read(std::string flag) override;

 private:
  WebhookBackend(boost::asio::any_io_executor io, net::HttpUrl url, config::WebhookBackend settings);

  boost::asio::awaitable<Result<void>> post(std::string body);

  net::HttpUrl url_;
  config::WebhookBackend settings_;
  net::HttpClient http_;
};

}  // namespace ckpt::flags
