#include "kubeapi/server/watch_stream.hpp"

#include <poll.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/faults.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/resource_store.hpp"

namespace ckpt::kubeapi {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::as_tuple;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kWriteTimeout{30};
constexpr std::chrono::seconds kShutdownTimeout{2};
constexpr std::chrono::seconds kPeerCheckInterval{1};

// True once the client has shut its side of the connection down (FIN, reset or error).
// Polled on the raw socket, so that no TLS read competes with the stream's writes.
bool peer_closed(TlsStream& stream) {
  pollfd descriptor{beast::get_lowest_layer(stream).socket().native_handle(), POLLRDHUP, 0};
  return ::poll(&descriptor, 1, 0) > 0 &&
         (descriptor.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

class WatchWriter {
 public:
  // drop_after: the injected fault, cut the connection after that many change events.
  WatchWriter(std::shared_ptr<TlsStream> stream, const WatchRequest& watch, std::optional<int> drop_after)
      : stream_(std::move(stream)), watch_(watch), drop_after_(drop_after) {}

  // True when the fault cuts the stream before any event.
  bool drops_at_once() {
    if (!drop_after_ || *drop_after_ > 0) return false;
    drop();
    return true;
  }

  // Sends an ADDED, MODIFIED or DELETED event; false when the stream must end now (the
  // write failed, or the injected drop cut the connection).
  asio::awaitable<bool> change(std::string_view type, const boost::json::object& object) {
    const bool sent = co_await event(type, object);
    if (!sent) co_return false;
    ++changes_sent_;
    if (drop_after_ && changes_sent_ >= *drop_after_) {
      drop();
      co_return false;
    }
    co_return true;
  }

  asio::awaitable<bool> header(unsigned http_version) {
    http::response<http::empty_body> header{http::status::ok, http_version};
    header.set(http::field::server, "checkpointd-kube-api-test-server");
    header.set(http::field::content_type, "application/json");
    header.set(http::field::cache_control, "no-cache, private");
    header.keep_alive(false);
    header.chunked(true);
    http::response_serializer<http::empty_body> serializer{header};
    beast::get_lowest_layer(*stream_).expires_after(kWriteTimeout);
    auto [error, bytes] = co_await http::async_write_header(*stream_, serializer, as_tuple(use_awaitable));
    co_return !error;
  }

  asio::awaitable<bool> event(std::string_view type, const boost::json::object& object) {
    boost::json::object payload = object;
    if (watch_.table && type != "BOOKMARK" && type != "ERROR") {
      TableOptions options;
      options.include = *watch_.table;
      options.column_definitions = first_table_;
      first_table_ = false;
      payload = render_table(*watch_.type, {object}, metadata_field(object, "resourceVersion"), options);
    }
    const std::string line =
        boost::json::serialize(boost::json::object{{"type", type}, {"object", std::move(payload)}}) + "\n";
    beast::get_lowest_layer(*stream_).expires_after(kWriteTimeout);
    auto [error, bytes] =
        co_await asio::async_write(*stream_, http::make_chunk(asio::buffer(line)), as_tuple(use_awaitable));
    co_return !error;
  }

  asio::awaitable<void> finish() {
    beast::get_lowest_layer(*stream_).expires_after(kWriteTimeout);
    auto [error, bytes] =
        co_await asio::async_write(*stream_, http::make_chunk_last(), as_tuple(use_awaitable));
    if (!error) {
      beast::get_lowest_layer(*stream_).expires_after(kShutdownTimeout);
      co_await stream_->async_shutdown(as_tuple(use_awaitable));
    }
    beast::get_lowest_layer(*stream_).close();
  }

 private:
  // The injected fault: the TCP connection just goes away.
  void drop() { beast::get_lowest_layer(*stream_).close(); }

  std::shared_ptr<TlsStream> stream_;
  const WatchRequest& watch_;
  std::optional<int> drop_after_;
  int changes_sent_ = 0;
  bool first_table_ = true;
};

boost::json::object bookmark(const ResourceType& type, std::uint64_t resource_version) {
  return {{"kind", type.kind},
          {"apiVersion", type.api_version()},
          {"metadata", {{"resourceVersion", std::to_string(resource_version)}}}};
}

}  // namespace

asio::awaitable<void> stream_watch(std::shared_ptr<TlsStream> stream, WatchRequest watch,
                                   const ConnectionContext& context, unsigned http_version) {
  const auto executor = co_await asio::this_coro::executor;
  // Woken (cancelled) by the event log on every change; shared with the waker, which may
  // run after this coroutine is gone.
  auto wake = std::make_shared<asio::steady_timer>(executor);
  EventLog& log = context.store.events();
  auto subscription = log.subscribe([executor, weak = std::weak_ptr<asio::steady_timer>(wake)] {
    asio::post(executor, [weak] {
      if (auto alive = weak.lock()) alive->cancel();
    });
  });

  WatchWriter writer(stream, watch, context.faults.take_watch_drop());
  // (GCC 12 miscompiles co_await inside || and && operands: keep each co_await a statement
  // of its own, with named arguments.)
  const bool header_sent = co_await writer.header(http_version);
  if (!header_sent || writer.drops_at_once()) co_return;

  const auto deadline = Clock::now() + watch.timeout;
  auto next_bookmark = Clock::now() + context.bookmark_interval;
  for (const auto& initial : watch.start.initial) {
    const bool sent = co_await writer.change("ADDED", initial->object);
    if (!sent) co_return;
  }
  std::uint64_t cursor = watch.start.resume_after;
  while (!peer_closed(*stream)) {
    if (log.expiry_generation() != watch.start.expiry_generation) {
      const Error expired =
          api_error(reason::kExpired, "The resourceVersion for the provided watch is too old.");
      const boost::json::object status = status_object(expired);
      co_await writer.event("ERROR", status);
      break;
    }
    auto batch = log.events_after(cursor);
    if (!batch) {
      const boost::json::object status = status_object(batch.error());
      co_await writer.event("ERROR", status);
      break;
    }
    bool wrote = false;
    for (const auto& event : batch->events) {
      const auto type = select_event(watch, *event);
      if (!type) continue;
      const bool sent = co_await writer.change(event_type_name(*type), event->object);
      if (!sent) co_return;
      wrote = true;
    }
    cursor = batch->through;
    const auto now = Clock::now();
    if (now >= deadline) break;
    if (watch.bookmarks && now >= next_bookmark) {
      const boost::json::object mark = bookmark(*watch.type, cursor);
      const bool sent = co_await writer.event("BOOKMARK", mark);
      if (!sent) co_return;
      next_bookmark = now + context.bookmark_interval;
      continue;
    }
    // Writing suspended this coroutine: changes may have arrived meanwhile, look again.
    if (wrote) continue;
    auto until = std::min(deadline, now + kPeerCheckInterval);
    if (watch.bookmarks) until = std::min(until, next_bookmark);
    wake->expires_at(until);
    co_await wake->async_wait(as_tuple(use_awaitable));
  }
  co_await writer.finish();
}

}  // namespace ckpt::kubeapi
