// Internal to ckpt_net. Conversions between Beast messages and the plain HttpRequest /
// HttpResponse values, so that only ckpt_net's own files see Beast.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

#include "net/http_message.hpp"

namespace ckpt::net::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

HttpRequest to_http_request(BeastRequest&& message);

// Adds Content-Type, Content-Length and "Server: checkpointd"; keep_alive decides the
// Connection header.
BeastResponse to_beast_response(HttpResponse&& response, bool keep_alive);

// Adds Host (unless the caller set one) and Content-Length for a body; passes the
// caller's headers, Authorization included, through unchanged.
BeastRequest to_beast_request(HttpRequest&& request, std::string_view host);

HttpResponse to_http_response(BeastResponse&& message);

// Every field, in order, as name/value pairs.
HttpHeaders to_http_headers(const boost::beast::http::fields& fields);

}  // namespace ckpt::net::detail
