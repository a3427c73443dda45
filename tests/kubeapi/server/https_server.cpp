#include "kubeapi/server/https_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "kubeapi/server/connection.hpp"
#include "kubeapi/server/logger.hpp"

namespace ckpt::kubeapi {

namespace asio = boost::asio;

struct HttpsServer::State {
  State(asio::any_io_executor executor, std::shared_ptr<const ConnectionContext> connection_context)
      : strand(asio::make_strand(executor)), acceptor(strand), context(std::move(connection_context)) {}

  asio::strand<asio::any_io_executor> strand;
  asio::ip::tcp::acceptor acceptor;
  std::shared_ptr<const ConnectionContext> context;
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

namespace {

std::shared_ptr<asio::ssl::context> server_tls() {
  auto tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  return tls;
}

}  // namespace

HttpsServer::HttpsServer(asio::any_io_executor executor, const ApiRouter& router, ResourceStore& store,
                         Faults& faults, HttpsServerOptions options) {
  auto tls = server_tls();
  auto context = std::make_shared<const ConnectionContext>(
      ConnectionContext{std::move(tls), router, store, faults, options.bookmark_interval});
  state_ = std::make_shared<State>(std::move(executor), std::move(context));
  state_->cert_file = options.cert_file;
  state_->key_file = options.key_file;
}

HttpsServer::~HttpsServer() { stop(); }

Result<std::uint16_t> HttpsServer::listen(const std::string& address, std::uint16_t port) {
  boost::system::error_code error;
  auto& tls = *state_->context->tls;
  tls.use_certificate_chain_file(state_->cert_file.string(), error);
  if (!error) tls.use_private_key_file(state_->key_file.string(), asio::ssl::context::pem, error);
  if (error)
    return make_error(ErrorCode::internal, "cannot load the test server's certificate: " + error.message());

  const auto ip = asio::ip::make_address(address, error);
  if (error) return make_error(ErrorCode::bad_request, "invalid listen address \"" + address + "\"");
  const asio::ip::tcp::endpoint endpoint(ip, port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return make_error(ErrorCode::unavailable,
                      "cannot listen on " + address + ":" + std::to_string(port) + ": " + error.message());
  }
  return acceptor.local_endpoint().port();
}

void HttpsServer::start() {
  asio::co_spawn(
      state_->strand,
      [state = state_]() -> asio::awaitable<void> {
        for (;;) {
          auto [error, socket] = co_await state->acceptor.async_accept(
              asio::make_strand(state->strand.get_inner_executor()), asio::as_tuple(asio::use_awaitable));
          if (error == asio::error::operation_aborted || !state->acceptor.is_open()) co_return;
          if (error) continue;
          const auto executor = socket.get_executor();
          asio::co_spawn(executor, serve_connection(std::move(socket), state->context), asio::detached);
        }
      },
      asio::detached);
}

void HttpsServer::stop() {
  asio::post(state_->strand, [state = state_] {
    boost::system::error_code ignored;
    state->acceptor.close(ignored);
  });
}

}  // namespace ckpt::kubeapi
