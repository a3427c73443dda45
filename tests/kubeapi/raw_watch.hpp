// Reads a watch stream the hard way, for what HttpClient deliberately hides: it sends one
// GET over TLS and keeps every byte received until the server closes the connection (or
// the deadline passes), then decodes the chunked body into events and says whether the
// stream ended properly (final zero-length chunk) or was cut.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ckpt::kubeapi::testing {

struct RawWatch {
  std::string head;                         // status line and headers
  std::vector<boost::json::object> events;  // {"type":...,"object":...} in order
  bool complete = false;                    // the final chunk arrived
};

RawWatch read_raw_watch(std::uint16_t port, const std::string& ca_file, const std::string& target,
                        const std::string& token, std::chrono::milliseconds deadline);

}  // namespace ckpt::kubeapi::testing
