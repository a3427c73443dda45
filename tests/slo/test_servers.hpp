// Test servers for the Measurer's HTTP paths, on loopback ports picked by the kernel:
//   RecordingServer  an HTTP(S) server on a thread of its own that requires a bearer
//                    token (net::HttpServer answers 401 without it), records every request
//                    it serves and answers them all with one configurable response;
//   SilentListener   a TCP port that takes connections (the kernel completes the
//                    handshake into the listen backlog) and never answers a byte.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "net/http_server.hpp"

namespace ckpt::test {

class RecordingServer {
 public:
  explicit RecordingServer(std::string token, const std::optional<net::TlsServerFiles>& tls = std::nullopt);
  ~RecordingServer();
  RecordingServer(const RecordingServer&) = delete;
  RecordingServer& operator=(const RecordingServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "http[s]://127.0.0.1:<port><path>".
  std::string url(const std::string& path = "") const;
  void answer_with(net::HttpResponse response);
  std::vector<net::HttpRequest> requests() const;

 private:
  struct Shared {
    mutable std::mutex mutex;
    std::vector<net::HttpRequest> requests;
    net::HttpResponse answer;
  };
  std::shared_ptr<Shared> shared_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  net::HttpServer server_;
  std::uint16_t port_ = 0;
  bool tls_ = false;
  std::thread thread_;
};

class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace ckpt::test
