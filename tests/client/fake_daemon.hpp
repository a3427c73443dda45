// A scripted checkpointd behind ApiClient's Transport seam: each route answers with the
// next of its scripted results (the last one repeats), every request is recorded, and a
// request for a route without a script gets a 404 error body naming it. Answers are
// built with the API's own encoders: a checkpoint, an error body, the answer to a
// migration start (POST .../migration).
#pragma once

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "cli/api_client.hpp"
#include "codec/error_json.hpp"
#include "codec/model_json.hpp"
#include "codec/requests.hpp"

namespace ckpt::cli::testing {

inline net::HttpResponse json_response(int status, const boost::json::value& body) {
  net::HttpResponse response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

inline net::HttpResponse checkpoint_response(int status, const Checkpoint& checkpoint) {
  return json_response(status, to_json(checkpoint));
}

// POST /v1/checkpoints/{id}/migration: 202 {"checkpoint": ..., "database": ...}.
inline net::HttpResponse migration_started_response(const Checkpoint& checkpoint, const DatabaseEndpoint& database) {
  return json_response(202, to_json(MigrationStarted{checkpoint, database}));
}

inline net::HttpResponse error_response(const Error& error, std::string_view checkpoint_id = {}) {
  net::HttpResponse response;
  response.status = proto::spec_of(error.code).http_status;
  response.body = error_body(error, checkpoint_id);
  return response;
}

class FakeDaemon {
 public:
  void answer(const std::string& method, const std::string& target, std::deque<Result<net::HttpResponse>> script) {
    scripts_[method + " " + target] = std::move(script);
  }

  Transport transport() {
    return [this](net::HttpRequest request) -> Result<net::HttpResponse> {
      requests_.push_back(request);
      const auto found = scripts_.find(request.method + " " + request.target);
      if (found == scripts_.end()) {
        return error_response(make_error(ErrorCode::not_found, "no route " + request.method + " " + request.target));
      }
      auto& script = found->second;
      Result<net::HttpResponse> next = script.front();
      if (script.size() > 1) script.pop_front();
      return next;
    };
  }

  const std::vector<net::HttpRequest>& requests() const { return requests_; }

  std::vector<std::string> request_lines() const {
    std::vector<std::string> lines;
    for (const auto& request : requests_) lines.push_back(request.method + " " + request.target);
    return lines;
  }

 private:
  std::map<std::string, std::deque<Result<net::HttpResponse>>> scripts_;
  std::vector<net::HttpRequest> requests_;
};

}  // namespace ckpt::cli::testing
