#include "net/detail/beast_message.hpp"

#include <string>

namespace ckpt::net::detail {
namespace http = boost::beast::http;

HttpHeaders to_http_headers(const http::fields& fields) {
  HttpHeaders headers;
  for (const auto& field : fields) {
    headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  return headers;
}

HttpRequest to_http_request(BeastRequest&& message) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.headers = to_http_headers(message.base());
  request.body = std::move(message.body());
  return request;
}

BeastResponse to_beast_response(HttpResponse&& response, bool keep_alive) {
  BeastResponse message;
  message.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.set(http::field::content_type, response.content_type);
  message.set(http::field::server, "checkpointd");
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.content_length(message.body().size());
  return message;
}

BeastRequest to_beast_request(HttpRequest&& request, std::string_view host) {
  BeastRequest message;
  message.method_string(request.method);
  message.target(request.target);
  for (auto& [name, value] : request.headers) message.insert(name, value);
  if (message.find(http::field::host) == message.end()) message.set(http::field::host, host);
  message.body() = std::move(request.body);
  message.prepare_payload();
  return message;
}

HttpResponse to_http_response(BeastResponse&& message) {
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.content_type = std::string(message[http::field::content_type]);
  response.headers = to_http_headers(message.base());
  response.body = std::move(message.body());
  return response;
}

}  // namespace ckpt::net::detail
