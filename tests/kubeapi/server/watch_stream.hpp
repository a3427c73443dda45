// Streams one accepted watch over an HTTPS connection: a chunked 200 response whose chunks
// are newline-terminated JSON events {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR",
// "object":{...}}, first the WatchStart's initial objects, then every change after its
// resourceVersion that select_event keeps.
//
// Guarantees:
// - Ends cleanly (final chunk, connection closed) when timeoutSeconds pass or the history it
//   needs is gone: then the last event is an ERROR whose object is a 410 Expired Status
//   ("too old resource version: ..."). A client that goes away is noticed within a second.
// - With allowWatchBookmarks, a BOOKMARK carrying the current resourceVersion is sent every
//   bookmark interval.
// - An injected drop (Faults::take_watch_drop) closes the TCP connection abruptly after
//   that many events: no final chunk, no TLS close_notify.
// Runs on the connection's strand; the stream is closed when it returns.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <memory>

#include "kubeapi/server/tls_stream.hpp"
#include "kubeapi/server/watch_request.hpp"

namespace ckpt::kubeapi {

boost::asio::awaitable<void> stream_watch(std::shared_ptr<TlsStream> stream, WatchRequest watch,
                                          const ConnectionContext& context, unsigned http_version);

}  // namespace ckpt::kubeapi
