#include "raw_watch.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>

#include <array>

namespace ckpt::kubeapi::testing {
namespace {

namespace asio = boost::asio;

std::string receive_all(std::uint16_t port, const std::string& ca_file, const std::string& target,
                        const std::string& token, std::chrono::milliseconds deadline) {
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.load_verify_file(ca_file);
  tls.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<asio::ip::tcp::socket> stream(io, tls);
  stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
  stream.handshake(asio::ssl::stream_base::client);
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              token + "\r\nAccept: application/json\r\n\r\n";
  asio::write(stream, asio::buffer(request));
  std::string received;
  std::array<char, 4096> buffer{};
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    // Asynchronous reads with a deadline: the TLS layer may hold buffered records that a
    // poll() on the socket would not see.
    bool done = false;
    boost::system::error_code error;
    std::size_t size = 0;
    stream.async_read_some(asio::buffer(buffer), [&](boost::system::error_code e, std::size_t n) {
      error = e;
      size = n;
      done = true;
    });
    io.restart();
    while (!done && io.run_one_until(give_up) > 0) {
    }
    if (!done) {
      stream.next_layer().close();
      io.restart();
      io.run();
      break;
    }
    received.append(buffer.data(), size);
    if (error) break;
  }
  return received;
}

}  // namespace

RawWatch read_raw_watch(std::uint16_t port, const std::string& ca_file, const std::string& target,
                        const std::string& token, std::chrono::milliseconds deadline) {
  const std::string received = receive_all(port, ca_file, target, token, deadline);
  RawWatch watch;
  const std::size_t head_end = received.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    watch.head = received;
    return watch;
  }
  watch.head = received.substr(0, head_end);
  std::size_t at = head_end + 4;
  std::string body;
  for (;;) {
    const std::size_t line_end = received.find("\r\n", at);
    if (line_end == std::string::npos) break;
    const std::size_t size = std::stoul(received.substr(at, line_end - at), nullptr, 16);
    if (size == 0) {
      watch.complete = true;
      break;
    }
    if (line_end + 2 + size > received.size()) break;
    body += received.substr(line_end + 2, size);
    at = line_end + 2 + size + 2;
  }
  std::size_t start = 0;
  for (std::size_t newline = body.find('\n'); newline != std::string::npos;
       newline = body.find('\n', start)) {
    watch.events.push_back(boost::json::parse(body.substr(start, newline - start)).as_object());
    start = newline + 1;
  }
  return watch;
}

}  // namespace ckpt::kubeapi::testing
