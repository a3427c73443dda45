// Test support: an HTTPS server standing in for a flag webhook, on 127.0.0.1 with a
// throwaway CA, that wants a bearer token, records every request that reaches it and
// answers with the status, body and delay the test sets (204 at once by default).
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http_message.hpp"
#include "net/http_server.hpp"

namespace ckpt::flags::testing {

class WebhookServer {
 public:
  // Certificates are written into `dir`; requests need "Authorization: Bearer <token>".
  WebhookServer(const std::filesystem::path& dir, const std::string& token);
  ~WebhookServer();
  WebhookServer(const WebhookServer&) = delete;
  WebhookServer& operator=(const WebhookServer&) = delete;

  // "https://127.0.0.1:<port><path_and_query>"
  std::string url(const std::string& path_and_query) const;
  const std::filesystem::path& ca_file() const { return ca_file_; }

  void answer(int status, std::string body = {}, std::chrono::milliseconds delay = {});
  std::vector<net::HttpRequest> requests() const;

 private:
  boost::asio::awaitable<net::HttpResponse> handle(net::HttpRequest request);

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::unique_ptr<net::HttpServer> server_;
  std::filesystem::path ca_file_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<net::HttpRequest> requests_;
  net::HttpResponse answer_;
  std::chrono::milliseconds delay_{0};
};

}  // namespace ckpt::flags::testing
