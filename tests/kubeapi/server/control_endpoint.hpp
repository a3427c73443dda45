// The test-control API under /_test/ (admin token only; never subject to faults):
//   POST   /_test/faults/fail        {"status":500|429|409,"count":N,"method":"GET","pathPrefix":"/apis/"}
//   POST   /_test/faults/drop-watch  {"afterEvents":K,"watches":1}
//   POST   /_test/faults/delay       {"milliseconds":D}
//   POST   /_test/faults/compact     {"expireWatches":false}
//   DELETE /_test/faults             cancels every pending fault (and the delay)
//   GET    /_test/state              {"resourceVersion":"N","openWatches":M}
// Answers 200 with the state document, or a 400/404 Status naming the problem.
#pragma once

#include "kubeapi/server/faults.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "net/http_message.hpp"

namespace ckpt::kubeapi {

net::HttpResponse serve_control(ResourceStore& store, Faults& faults, const net::HttpRequest& request);

}  // namespace ckpt::kubeapi
