#include "slo/http_probe.hpp"

#include "net/http_client.hpp"
#include "net/http_url.hpp"
#include "slo/http_probe_value.hpp"

namespace ckpt::slo {
namespace {

constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

}  // namespace

boost::asio::awaitable<Result<ResultValue>> run_http_probe(boost::asio::any_io_executor io, const HttpProbe& probe,
                                                           Millis timeout) {
  auto url = net::parse_http_url(probe.url);
  if (!url) co_return make_error(url.error().code, "http probe " + url.error().message);
  const std::string request_text = "GET " + probe.url + ": ";
  net::HttpRequest request{"GET", url->target, {}, {}};
  for (const auto& [name, value] : probe.headers) request.headers.emplace_back(name, value);

  net::HttpClient client(io, url->endpoint, net::ClientOptions{"the probed server", kMaxBodyBytes});
  auto response = co_await client.request(std::move(request), timeout);
  if (!response) {
    co_return make_error(response.error().code, "http probe " + request_text + response.error().message);
  }
  auto value = http_probe_value(probe, response->status, response->body);
  if (!value) co_return make_error(value.error().code, "http probe " + value.error().message);
  co_return std::move(value).value();
}

}  // namespace ckpt::slo
