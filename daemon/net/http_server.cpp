#include "net/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <unordered_map>
#include <variant>

#include "net/detail/http_log.hpp"
#include "net/detail/server_connection.hpp"
#include "net/detail/tls_context.hpp"
#include "net/detail/transport.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using detail::ServerConnection;
using detail::ServerContext;

// After force-closing, how long shutdown() still waits for cancelled handlers to unwind.
constexpr std::chrono::seconds kUnwindLimit{1};
// Pause after a failed accept (e.g. out of file descriptors) before trying again.
constexpr std::chrono::milliseconds kAcceptRetryPause{100};

struct Listener {
  std::variant<asio::local::stream_protocol::acceptor, asio::ip::tcp::acceptor> acceptor;
  std::shared_ptr<asio::ssl::context> tls;  // TCP listeners with TLS only
  std::string unix_path;                    // Unix listeners only; removed when closed
  bool accepting = false;
};

Error cannot_listen(const std::string& where, const error_code& ec) {
  return make_error(ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message());
}

std::shared_ptr<ServerContext> make_context(HttpHandler handler, ServerOptions options) {
  auto context = std::make_shared<ServerContext>();
  context->handler = std::move(handler);
  if (options.bearer_token && !options.bearer_token->empty()) {
    context->auth.emplace(*options.bearer_token, options.unauthenticated_paths);
  }
  context->options = std::move(options);
  return context;
}

// An existing file at `path` may be a socket left by a daemon that died. Removes it when
// nothing answers there; refuses when something does or when it is not a socket.
Result<void> remove_stale_socket(const asio::any_io_executor& executor, const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return {};
  if (!S_ISSOCK(status.st_mode)) {
    return make_error(
        ErrorCode::unavailable,
        path + " exists and is not a socket; remove it or choose another socket path");
  }
  asio::local::stream_protocol::socket probe(executor);
  error_code ec;
  probe.connect(asio::local::stream_protocol::endpoint(path), ec);
  if (!ec) {
    return make_error(ErrorCode::unavailable, "another daemon is listening on " + path +
                                                  "; stop it or choose another socket path");
  }
  if (ec != asio::error::connection_refused) {
    return make_error(ErrorCode::unavailable, "cannot check whether a daemon is listening on " +
                                                  path + ": " + ec.message());
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return make_error(ErrorCode::unavailable,
                      "cannot remove the stale socket " + path + ": " + std::strerror(errno));
  }
  return {};
}

}  // namespace

class HttpServer::State : public std::enable_shared_from_this<State> {
 public:
  State(asio::any_io_executor executor, HttpHandler handler, ServerOptions options)
      : io_executor_(executor),
        strand_(asio::make_strand(executor)),
        context_(make_context(std::move(handler), std::move(options))),
        drained_(strand_) {}

  Result<void> listen_unix(const std::string& path, unsigned mode) {
    if (auto refused = refuse_after_start(); !refused) return refused;
    if (path.empty() || path.size() >= sizeof(sockaddr_un{}.sun_path)) {
      return make_error(ErrorCode::bad_request,
                        "socket path \"" + path + "\" must be 1 to " +
                            std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
                            " bytes long; choose a shorter path");
    }
    if (auto removed = remove_stale_socket(io_executor_, path); !removed) return removed;
    asio::local::stream_protocol::acceptor acceptor(strand_);
    error_code ec;
    if (acceptor.open(asio::local::stream_protocol(), ec); ec) return cannot_listen(path, ec);
    if (acceptor.bind(asio::local::stream_protocol::endpoint(path), ec); ec)
      return cannot_listen(path, ec);
    // Set the mode before listen() so that no connection is accepted under the umask's mode.
    if (::chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
      const std::string reason = std::strerror(errno);
      ::unlink(path.c_str());
      return make_error(ErrorCode::unavailable, "cannot set the mode of " + path + ": " + reason);
    }
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
      ::unlink(path.c_str());
      return cannot_listen(path, ec);
    }
    listeners_.push_back(Listener{std::move(acceptor), nullptr, path});
    return {};
  }

  Result<std::uint16_t> listen_tcp(const std::string& address, std::uint16_t port,
                                   const std::optional<TlsServerFiles>& tls) {
    if (auto refused = refuse_after_start(); !refused) return std::move(refused).error();
    const std::string where = address + ":" + std::to_string(port);
    if (!context_->auth) {
      return make_error(
          ErrorCode::bad_request,
          "listening on TCP " + where +
              " needs a bearer token; configure one or serve on the Unix socket only");
    }
    error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) {
      return make_error(
          ErrorCode::bad_request,
          "listen address \"" + address + "\" is not an IP address; use e.g. 127.0.0.1 or ::");
    }
    std::shared_ptr<asio::ssl::context> tls_context;
    if (tls) {
      auto made = detail::make_server_tls_context(*tls);
      if (!made) return std::move(made).error();
      tls_context = std::move(*made);
    }
    asio::ip::tcp::acceptor acceptor(strand_);
    const asio::ip::tcp::endpoint endpoint(ip, port);
    if (acceptor.open(endpoint.protocol(), ec); ec) return cannot_listen(where, ec);
    if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec)
      return cannot_listen(where, ec);
    if (acceptor.bind(endpoint, ec); ec) return cannot_listen(where, ec);
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec)
      return cannot_listen(where, ec);
    const std::uint16_t bound_port = acceptor.local_endpoint(ec).port();
    if (ec) return cannot_listen(where, ec);
    listeners_.push_back(Listener{std::move(acceptor), std::move(tls_context), {}});
    return bound_port;
  }

  void start() {
    started_ = true;
    for (auto& listener : listeners_) {
      if (listener.accepting) continue;
      listener.accepting = true;
      std::visit(
          [&](auto& acceptor) {
            asio::co_spawn(strand_, accept_loop(shared_from_this(), acceptor, listener.tls),
                           asio::detached);
          },
          listener.acceptor);
    }
  }

  asio::awaitable<void> shutdown_on_strand(std::chrono::milliseconds grace) {
    stopping_ = true;
    close_listeners();
    for_each_connection([](ServerConnection& connection) { connection.drain(); });
    const bool drained = co_await wait_until_drained(grace);
    if (drained) co_return;
    detail::http_logger()->warn(
        "{} connection(s) still busy after the {} ms shutdown grace; closing them",
        connections_.size(), grace.count());
    for_each_connection([](ServerConnection& connection) { connection.force_close(); });
    co_await wait_until_drained(kUnwindLimit);
  }

  // Used by the destructor: stop everything without waiting.
  void stop_now() {
    if (!started_) {
      close_listeners();
      return;
    }
    asio::post(strand_, [self = shared_from_this()] {
      self->stopping_ = true;
      self->close_listeners();
      self->for_each_connection([](ServerConnection& connection) { connection.force_close(); });
    });
  }

  const asio::strand<asio::any_io_executor>& strand() const { return strand_; }
  std::size_t in_flight() const { return context_->in_flight.load(); }

 private:
  Result<void> refuse_after_start() const {
    if (!started_) return {};
    return make_error(ErrorCode::internal,
                      "HttpServer: listen_unix/listen_tcp must be called before start()");
  }

  template <typename Acceptor>
  asio::awaitable<void> accept_loop(std::shared_ptr<State> self, Acceptor& acceptor,
                                    std::shared_ptr<asio::ssl::context> tls) {
    asio::steady_timer pause(strand_);
    while (!stopping_) {
      // The new connection's own strand, type-erased so that its socket is a plain
      // UnixSocket/TcpSocket.
      const asio::any_io_executor connection_strand = asio::make_strand(io_executor_);
      auto [ec, socket] =
          co_await acceptor.async_accept(connection_strand, asio::as_tuple(asio::use_awaitable));
      if (stopping_ || !acceptor.is_open()) co_return;
      if (ec) {
        detail::http_logger()->warn("accepting a connection failed: {}; retrying", ec.message());
        pause.expires_after(kAcceptRetryPause);
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
      if constexpr (std::is_same_v<Acceptor, asio::ip::tcp::acceptor>) {
        if (tls) {
          adopt(self, detail::make_server_connection(context_,
                                                     detail::TlsStream(std::move(socket), *tls)));
          continue;
        }
      }
      adopt(self, detail::make_server_connection(context_, std::move(socket)));
    }
  }

  void adopt(const std::shared_ptr<State>& self, std::shared_ptr<ServerConnection> connection) {
    const std::uint64_t id = next_connection_id_++;
    connections_.emplace(id, connection);
    asio::co_spawn(
        connection->executor(), [connection]() { return connection->run(); },
        [self, id](std::exception_ptr failure) {
          if (failure)
            detail::http_logger()->error("a connection ended with an unexpected exception");
          asio::post(self->strand_, [self, id] { self->forget(id); });
        });
  }

  void forget(std::uint64_t id) {
    connections_.erase(id);
    if (stopping_ && connections_.empty()) drained_.cancel();
  }

  template <typename F>
  void for_each_connection(F action) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    for (const auto& entry : connections_) {
      asio::post(entry.second->executor(), [connection = entry.second, action] { action(*connection); });
    }
  }

  asio::awaitable<bool> wait_until_drained(std::chrono::milliseconds limit) {
    if (connections_.empty()) co_return true;
    drained_.expires_after(limit);
    co_await drained_.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return connections_.empty();
  }

  void close_listeners() {
    for (auto& listener : listeners_) {
      error_code ignored;
      std::visit([&](auto& acceptor) { acceptor.close(ignored); }, listener.acceptor);
      if (!listener.unix_path.empty()) {
        ::unlink(listener.unix_path.c_str());
        listener.unix_path.clear();
      }
    }
  }

  asio::any_io_executor io_executor_;
  asio::strand<asio::any_io_executor> strand_;
  std::shared_ptr<ServerContext> context_;
  // Listeners are set up before start(); afterwards they are touched only on strand_.
  std::list<Listener> listeners_;
  bool started_ = false;
  // Touched only on strand_.
  std::unordered_map<std::uint64_t, std::shared_ptr<ServerConnection>> connections_;
  std::uint64_t next_connection_id_ = 0;
  bool stopping_ = false;
  asio::steady_timer drained_;  // cancelled when the last connection closes during shutdown
};

HttpServer::HttpServer(asio::any_io_executor executor, HttpHandler handler, ServerOptions options)
    : state_(std::make_shared<State>(std::move(executor), std::move(handler), std::move(options))) {
}

HttpServer::~HttpServer() { state_->stop_now(); }

Result<void> HttpServer::listen_unix(const std::string& path, unsigned mode) {
  return state_->listen_unix(path, mode);
}

Result<std::uint16_t> HttpServer::listen_tcp(const std::string& address, std::uint16_t port,
                                             const std::optional<TlsServerFiles>& tls) {
  return state_->listen_tcp(address, port, tls);
}

void HttpServer::start() { state_->start(); }

asio::awaitable<void> HttpServer::shutdown(std::chrono::milliseconds grace) {
  auto state = state_;
  co_await asio::co_spawn(state->strand(), state->shutdown_on_strand(grace), asio::use_awaitable);
}

std::size_t HttpServer::in_flight() const { return state_->in_flight(); }

}  // namespace ckpt::net
