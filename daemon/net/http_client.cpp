#include "net/http_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <optional>

#include "net/deadline.hpp"
#include "net/detail/beast_message.hpp"
#include "net/detail/client_stream.hpp"
#include "net/detail/response_stream_state.hpp"
#include "net/detail/tls_context.hpp"

namespace ckpt::net {
namespace {

namespace asio = boost::asio;
using detail::ClientStream;

Result<std::shared_ptr<asio::ssl::context>> tls_context_for(const Endpoint& endpoint) {
  if (!endpoint.tls) return std::shared_ptr<asio::ssl::context>();
  return detail::make_client_tls_context(endpoint);
}

asio::awaitable<Result<void>> send(ClientStream& stream, HttpRequest request) {
  auto connected = co_await stream.connect();
  if (!connected) co_return connected;
  auto message = detail::to_beast_request(std::move(request), stream.host_header());
  message.keep_alive(false);
  co_return co_await stream.write(message);
}

asio::awaitable<Result<HttpResponse>> exchange(ClientStream& stream, HttpRequest request,
                                               std::size_t max_response_bytes) {
  auto sent = co_await send(stream, std::move(request));
  if (!sent) co_return std::move(sent).error();
  auto response = co_await stream.read_response(max_response_bytes);
  if (!response) co_return std::move(response).error();
  co_return detail::to_http_response(std::move(*response));
}

asio::awaitable<Result<void>> open_response(ResponseStream::State& state, HttpRequest request) {
  auto sent = co_await send(state.stream, std::move(request));
  if (!sent) co_return sent;
  auto head = co_await state.stream.read_header(state.parser);
  if (!head) co_return head;
  state.status = static_cast<int>(state.parser.get().result_int());
  state.headers = detail::to_http_headers(state.parser.get().base());
  co_return Result<void>{};
}

Error no_response(const std::string& peer, const std::string& what,
                  std::chrono::milliseconds deadline) {
  return make_error(
      ErrorCode::deadline_exceeded,
      "no response from " + peer + " to " + what + " within " + std::to_string(deadline.count()) +
          " ms; check that it is running and not overloaded, or allow a longer deadline");
}

}  // namespace

HttpClient::HttpClient(asio::any_io_executor executor, Endpoint endpoint, ClientOptions options)
    : executor_(std::move(executor)),
      endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      tls_(tls_context_for(endpoint_)) {}

asio::awaitable<Result<HttpResponse>> HttpClient::request(HttpRequest request,
                                                          std::chrono::milliseconds deadline) {
  if (!tls_) co_return tls_.error();
  const std::string peer = options_.peer_name + " at " + endpoint_.to_string();
  const std::string what = request.method + " " + request.path();
  ClientStream stream(executor_, endpoint_, *tls_, peer);
  asio::steady_timer timer(executor_, deadline);
  auto outcome =
      co_await within(exchange(stream, std::move(request), options_.max_response_bytes), timer);
  if (!outcome) co_return no_response(peer, what, deadline);
  if (outcome->ok()) co_await stream.close(timer);
  co_return std::move(*outcome);
}

asio::awaitable<Result<std::unique_ptr<ResponseStream>>> HttpClient::open_stream(
    HttpRequest request, std::chrono::milliseconds deadline) {
  if (!tls_) co_return tls_.error();
  const std::string peer = options_.peer_name + " at " + endpoint_.to_string();
  const std::string what = request.method + " " + request.path();
  auto state = std::make_unique<ResponseStream::State>(executor_, endpoint_, *tls_, peer, what,
                                                       options_.max_response_bytes);
  asio::steady_timer timer(executor_, deadline);
  auto outcome = co_await within(open_response(*state, std::move(request)), timer);
  if (!outcome) co_return no_response(peer, what, deadline);
  if (!*outcome) co_return std::move(*outcome).error();
  co_return std::make_unique<ResponseStream>(std::move(state));
}

Result<void> check_tls_settings(const Endpoint& endpoint) {
  auto context = tls_context_for(endpoint);
  if (!context) return std::move(context).error();
  return {};
}

Result<HttpResponse> request_blocking(const Endpoint& endpoint, HttpRequest request,
                                      std::chrono::milliseconds deadline, ClientOptions options) {
  asio::io_context io;
  HttpClient client(io.get_executor(), endpoint, std::move(options));
  std::optional<Result<HttpResponse>> result;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        result.emplace(co_await client.request(std::move(request), deadline));
      },
      [](std::exception_ptr failure) {
        if (failure) std::rethrow_exception(failure);
      });
  io.run();
  return std::move(*result);
}

}  // namespace ckpt::net
