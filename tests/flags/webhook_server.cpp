#include "webhook_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>

#include "kubeapi/server/tls_certs.hpp"

namespace ckpt::flags::testing {

WebhookServer::WebhookServer(const std::filesystem::path& dir, const std::string& token) : work_(io_.get_executor()) {
  answer_.status = 204;
  answer_.content_type = "text/plain";
  auto certificates = kubeapi::write_throwaway_certificates(dir);
  EXPECT_TRUE(certificates) << certificates.error().message;
  if (!certificates) return;
  ca_file_ = certificates->ca_file;
  net::ServerOptions options;
  options.bearer_token = token;
  server_ = std::make_unique<net::HttpServer>(
      io_.get_executor(), [this](net::HttpRequest request) { return handle(std::move(request)); }, options);
  auto port = server_->listen_tcp(
      "127.0.0.1", 0, net::TlsServerFiles{certificates->cert_file.string(), certificates->key_file.string()});
  EXPECT_TRUE(port) << port.error().message;
  if (port) port_ = *port;
  server_->start();
  thread_ = std::thread([this] { io_.run(); });
}

WebhookServer::~WebhookServer() {
  if (server_) {
    boost::asio::co_spawn(io_, server_->shutdown(std::chrono::milliseconds(100)), boost::asio::use_future).get();
  }
  work_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

std::string WebhookServer::url(const std::string& path_and_query) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path_and_query;
}

void WebhookServer::answer(int status, std::string body, std::chrono::milliseconds delay) {
  const std::lock_guard lock(mutex_);
  answer_.status = status;
  answer_.body = std::move(body);
  delay_ = delay;
}

std::vector<net::HttpRequest> WebhookServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

boost::asio::awaitable<net::HttpResponse> WebhookServer::handle(net::HttpRequest request) {
  net::HttpResponse response;
  std::chrono::milliseconds delay{0};
  {
    const std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
    response = answer_;
    delay = delay_;
  }
  if (delay.count() > 0) {
    boost::asio::steady_timer timer(io_, delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  co_return response;
}

}  // namespace ckpt::flags::testing
